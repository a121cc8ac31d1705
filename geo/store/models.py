"""The workspace's tables, as SQLAlchemy 2 typed ORM classes.

One article has many events; an event has one or more places (the rows of
``geo.events.events_frame``: one row per event and place); every change a reader makes is a
row in ``corrections``. The schema itself is created and changed only by the Alembic
migrations in ``geo/store/migrations`` (never ``create_all``), so a database always says
which version of it it holds.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# What a reader has made of an event.
STATUSES = ("proposed", "confirmed", "rejected")


class Base(DeclarativeBase):
    pass


class MetaRow(Base):
    """Key/value facts about the database itself (e.g. that the seed was loaded once)."""

    __tablename__ = "store_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ArticleRow(Base):
    """One article; ``content_hash`` (SHA-256 of its text) is its identity."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(Text)
    outlet: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(Text, default="")  # URL or file name
    language: Mapped[str] = mapped_column(String(16), default="en")
    text: Mapped[str] = mapped_column(Text)
    curated: Mapped[bool] = mapped_column(default=False)
    added_at: Mapped[datetime] = mapped_column(DateTime)  # UTC, naive

    events: Mapped[list[EventRow]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True,
        order_by="EventRow.id",
    )


class EventRow(Base):
    """One event of an article: what, when, the passage; its places in ``places``.

    ``key`` is the frame's ``event_id``, unique in the database (imported events are
    prefixed ``a<article id>-``; the seed keeps its curated ids). ``version`` rises with
    every change: an update names the version it read and fails if it is stale.
    """

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint(f"status IN {STATUSES!r}", name="ck_events_status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(64))
    start_day: Mapped[date] = mapped_column(Date)
    end_day: Mapped[date] = mapped_column(Date)
    date_phrase: Mapped[str] = mapped_column(Text, default="")
    date_phrase_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    date_precision: Mapped[str] = mapped_column(String(32))
    date_rule: Mapped[str] = mapped_column(Text, default="")
    actors: Mapped[str] = mapped_column(Text, default="")
    reported_by: Mapped[str] = mapped_column(Text, default="")
    excerpt: Mapped[str] = mapped_column(Text)
    excerpt_start: Mapped[int] = mapped_column(Integer)
    excerpt_end: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")  # the reader's changes, newest first
    status: Mapped[str] = mapped_column(String(16), default="proposed")
    version: Mapped[int] = mapped_column(Integer, default=1)

    article: Mapped[ArticleRow] = relationship(back_populates="events")
    places: Mapped[list[EventPlaceRow]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True,
        order_by="EventPlaceRow.position",
    )


class EventPlaceRow(Base):
    """One place of an event, with the gazetteer's facts about it as they were chosen.

    Confidence and note belong to the place: the curated seed is surer of where a deal
    was struck than of who brokered it from where.
    """

    __tablename__ = "event_places"
    __table_args__ = (UniqueConstraint("event_id", "place_id", name="uq_event_places_place"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    place_id: Mapped[str] = mapped_column(String(200))
    place_name: Mapped[str] = mapped_column(Text)
    place_role: Mapped[str] = mapped_column(String(32))
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    country_code: Mapped[str] = mapped_column(String(8), default="")
    precision_km: Mapped[float | None] = mapped_column(Float, nullable=True)
    kind: Mapped[str] = mapped_column(String(64), default="")
    confidence: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")  # the curator's or parser's note

    event: Mapped[EventRow] = relationship(back_populates="places")


class CorrectionRow(Base):
    """One change a reader made: which field, before, after, when, and a note."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    # The place row a place correction changed (None for dates and status).
    event_place_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_places.id", ondelete="CASCADE"), nullable=True
    )
    field: Mapped[str] = mapped_column(String(32))
    before: Mapped[str] = mapped_column(Text)
    after: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime)  # UTC, naive
    note: Mapped[str] = mapped_column(Text, default="")
