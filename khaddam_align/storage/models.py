"""The workspace's tables.

A **Work** is what is being rendered (e.g. the minutes of a meeting of 16 March
2003). A **Rendering** is one source text of it: the decoded file text stored
verbatim, with its provenance. Cleaning never edits that text; it adds
**ExcludedRange** rows. **Segments** are character ranges of the stored text.
An **Alignment** pairs two renderings; its **Links** group A segments with B
segments (n:m, or 1:0 / 0:1 for content only one side has) through
**LinkSegment** rows. **Divergences** are typed differences with a verdict.
Every user action is written to the **AuditEntry** log. **ImportedFile** makes
the same file bytes unique in a workspace.

All offsets are code-point offsets into ``Rendering.text``.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class SegmentKind(enum.StrEnum):
    TITLE = "title"
    META = "meta"
    HEADING = "heading"
    CAPTION = "caption"
    BODY = "body"


class LinkStatus(enum.StrEnum):
    AUTO = "auto"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class Verdict(enum.StrEnum):
    OPEN = "open"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"
    CHECK_SOURCE = "check-source"


class Side(enum.StrEnum):
    A = "a"
    B = "b"


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    # Stored as plain strings (portable, readable in any SQL client).
    return Enum(cls, name=name, native_enum=False, values_callable=lambda e: [m.value for m in e], length=20)


class Work(Base):
    __tablename__ = "work"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(500), unique=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    renderings: Mapped[list[Rendering]] = relationship(back_populates="work")


class Rendering(Base):
    __tablename__ = "rendering"

    id: Mapped[int] = mapped_column(primary_key=True)
    work_id: Mapped[int | None] = mapped_column(ForeignKey("work.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(1000), default="")
    publisher: Mapped[str] = mapped_column(String(500), default="")
    author: Mapped[str] = mapped_column(String(500), default="")
    published: Mapped[str] = mapped_column(String(10), default="")  # ISO date YYYY-MM-DD or ""
    language: Mapped[str] = mapped_column(String(8))  # "ar" | "en"
    url: Mapped[str] = mapped_column(String(2000), default="")
    series: Mapped[str] = mapped_column(String(500), default="")
    part: Mapped[str] = mapped_column(String(100), default="")
    file_name: Mapped[str] = mapped_column(String(1000), default="")
    file_format: Mapped[str] = mapped_column(String(20), default="text")  # text | html | docx | paste
    encoding: Mapped[str] = mapped_column(String(40), default="utf-8")
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text)
    # When one file held two articles, the second becomes its own rendering:
    # same file, same stored text, the other article excluded. This points back.
    split_from_id: Mapped[int | None] = mapped_column(ForeignKey("rendering.id", ondelete="SET NULL"))
    imported: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Optimistic concurrency: every change a person makes bumps it, checked in the UPDATE's WHERE
    # clause by the operations layer (the version the user's screen showed).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    work: Mapped[Work | None] = relationship(back_populates="renderings")
    excluded: Mapped[list[ExcludedRange]] = relationship(
        back_populates="rendering", cascade="all, delete-orphan", order_by="ExcludedRange.start"
    )
    segments: Mapped[list[Segment]] = relationship(
        back_populates="rendering", cascade="all, delete-orphan", order_by="Segment.position"
    )

    @property
    def label(self) -> str:
        """Short human label: 'The Daily Example (en, 2021-04-26)'."""
        who = self.publisher or self.file_name or f"rendering {self.id}"
        bits = [b for b in (self.language, self.published) if b]
        return f"{who} ({', '.join(bits)})" if bits else who


class ImportedFile(Base):
    """One row per file imported: the database refuses the same bytes twice, even from two processes at once.

    Renderings split off a file (its second article) share its row through ``split_from_id``.
    """

    __tablename__ = "imported_file"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    rendering_id: Mapped[int] = mapped_column(ForeignKey("rendering.id", ondelete="CASCADE"), index=True)
    imported: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ExcludedRange(Base):
    __tablename__ = "excluded_range"
    __table_args__ = (CheckConstraint('"start" >= 0 AND "end" > "start"', name="range_valid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rendering_id: Mapped[int] = mapped_column(ForeignKey("rendering.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column("start", Integer)
    end: Mapped[int] = mapped_column("end", Integer)
    reason: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    rendering: Mapped[Rendering] = relationship(back_populates="excluded")


class Segment(Base):
    __tablename__ = "segment"
    __table_args__ = (
        UniqueConstraint("rendering_id", "position", name="segment_order"),
        CheckConstraint('"start" >= 0 AND "end" > "start"', name="segment_range_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rendering_id: Mapped[int] = mapped_column(ForeignKey("rendering.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # 0-based order within the rendering
    start: Mapped[int] = mapped_column("start", Integer)
    end: Mapped[int] = mapped_column("end", Integer)
    kind: Mapped[SegmentKind] = mapped_column(_enum(SegmentKind, "segment_kind"), default=SegmentKind.BODY)
    paragraph: Mapped[int] = mapped_column(Integer, default=0)  # 0-based paragraph number

    rendering: Mapped[Rendering] = relationship(back_populates="segments")

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]


class Alignment(Base):
    __tablename__ = "alignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    a_id: Mapped[int] = mapped_column(ForeignKey("rendering.id", ondelete="CASCADE"), index=True)
    b_id: Mapped[int] = mapped_column(ForeignKey("rendering.id", ondelete="CASCADE"), index=True)
    method: Mapped[str] = mapped_column(String(40))
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    # Optimistic concurrency: every change a person makes bumps it, checked in the UPDATE's WHERE
    # clause by the operations layer (the version the user's screen showed).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    a: Mapped[Rendering] = relationship(foreign_keys=[a_id])
    b: Mapped[Rendering] = relationship(foreign_keys=[b_id])
    links: Mapped[list[Link]] = relationship(
        back_populates="alignment", cascade="all, delete-orphan", order_by="Link.position"
    )


class Link(Base):
    __tablename__ = "link"
    __table_args__ = (Index("link_order", "alignment_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    alignment_id: Mapped[int] = mapped_column(ForeignKey("alignment.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)  # 0-based row order in the alignment
    score: Mapped[float] = mapped_column(Float, default=0.0)  # confidence in [0, 1]
    status: Mapped[LinkStatus] = mapped_column(_enum(LinkStatus, "link_status"), default=LinkStatus.AUTO)
    note: Mapped[str] = mapped_column(Text, default="")  # e.g. why confidence was lowered
    # Optimistic concurrency: every change a person makes bumps it, checked in the UPDATE's WHERE
    # clause by the operations layer (the version the user's screen showed).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    alignment: Mapped[Alignment] = relationship(back_populates="links")
    members: Mapped[list[LinkSegment]] = relationship(
        back_populates="link", cascade="all, delete-orphan", order_by="LinkSegment.segment_position"
    )


class LinkSegment(Base):
    """One segment on one side of a link."""

    __tablename__ = "link_segment"
    __table_args__ = (UniqueConstraint("link_id", "segment_id", name="link_segment_once"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    link_id: Mapped[int] = mapped_column(ForeignKey("link.id", ondelete="CASCADE"), index=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id", ondelete="CASCADE"), index=True)
    side: Mapped[Side] = mapped_column(_enum(Side, "side"))
    segment_position: Mapped[int] = mapped_column(Integer)  # copy of Segment.position, for ordering

    link: Mapped[Link] = relationship(back_populates="members")
    segment: Mapped[Segment] = relationship()


class Divergence(Base):
    __tablename__ = "divergence"
    __table_args__ = (UniqueConstraint("alignment_id", "key", name="divergence_identity"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    alignment_id: Mapped[int] = mapped_column(ForeignKey("alignment.id", ondelete="CASCADE"), index=True)
    link_id: Mapped[int | None] = mapped_column(ForeignKey("link.id", ondelete="SET NULL"))
    # Stable identity (type + evidence spans) so re-detection keeps verdicts.
    key: Mapped[str] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(20))
    severity: Mapped[float] = mapped_column(Float)
    a_spans: Mapped[list[Any]] = mapped_column(default=list)  # [[start, end], ...] in A's text
    b_spans: Mapped[list[Any]] = mapped_column(default=list)
    description: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    verdict: Mapped[Verdict] = mapped_column(_enum(Verdict, "verdict"), default=Verdict.OPEN)
    note: Mapped[str] = mapped_column(Text, default="")
    reviewer: Mapped[str] = mapped_column(String(200), default="")
    stale: Mapped[bool] = mapped_column(Boolean, default=False)  # not found by the last detection run
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    # "detected" (found by the detectors) or "reviewer" (marked up by a person; re-detection and
    # realign keep it). created_by names who marked it.
    origin: Mapped[str] = mapped_column(String(20), default="detected", server_default="detected")
    created_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # Optimistic concurrency: every change a person makes bumps it, checked in the UPDATE's WHERE
    # clause by the operations layer (the version the user's screen showed).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class AuditEntry(Base):
    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    user: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
