"""imported_file: the same file bytes are imported once per workspace (a unique key, not a prior SELECT)

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "imported_file",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("rendering_id", sa.Integer(), sa.ForeignKey("rendering.id", ondelete="CASCADE"), nullable=False),
        sa.Column("imported", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_imported_file_rendering_id", "imported_file", ["rendering_id"])
    # Files imported before: the first rendering of each file (duplicates made by the old race stay as they are).
    op.execute(
        "INSERT INTO imported_file (sha256, rendering_id, imported) "
        "SELECT sha256, min(id), min(imported) FROM rendering "
        "WHERE split_from_id IS NULL AND sha256 <> '' GROUP BY sha256"
    )


def downgrade() -> None:
    op.drop_index("ix_imported_file_rendering_id", "imported_file")
    op.drop_table("imported_file")
