"""row versions for optimistic concurrency, divergence origin

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

VERSIONED = ("rendering", "alignment", "link", "divergence")


def upgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    with op.batch_alter_table("divergence") as batch:
        batch.add_column(sa.Column("origin", sa.String(20), nullable=False, server_default="detected"))
        batch.add_column(sa.Column("created_by", sa.String(200), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("divergence") as batch:
        batch.drop_column("created_by")
        batch.drop_column("origin")
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
