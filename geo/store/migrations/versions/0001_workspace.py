"""The workspace: articles, events and their places, corrections, store facts.

Revision ID: 0001
Revises:
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "store_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("outlet", sa.Text(), nullable=False),
        sa.Column("published", sa.Date(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("curated", sa.Boolean(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "article_id", sa.Integer(),
            sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False,
        ),
        sa.Column("key", sa.String(200), nullable=False, unique=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("category", sa.String(64), nullable=False),
        sa.Column("start_day", sa.Date(), nullable=False),
        sa.Column("end_day", sa.Date(), nullable=False),
        sa.Column("date_phrase", sa.Text(), nullable=False),
        sa.Column("date_phrase_start", sa.Integer(), nullable=True),
        sa.Column("date_precision", sa.String(32), nullable=False),
        sa.Column("date_rule", sa.Text(), nullable=False),
        sa.Column("actors", sa.Text(), nullable=False),
        sa.Column("reported_by", sa.Text(), nullable=False),
        sa.Column("excerpt", sa.Text(), nullable=False),
        sa.Column("excerpt_start", sa.Integer(), nullable=False),
        sa.Column("excerpt_end", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('proposed', 'confirmed', 'rejected')", name="ck_events_status"
        ),
    )
    op.create_index("ix_events_article_id", "events", ["article_id"])
    op.create_table(
        "event_places",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "event_id", sa.Integer(),
            sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("place_id", sa.String(200), nullable=False),
        sa.Column("place_name", sa.Text(), nullable=False),
        sa.Column("place_role", sa.String(32), nullable=False),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("country_code", sa.String(8), nullable=False),
        sa.Column("precision_km", sa.Float(), nullable=True),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.UniqueConstraint("event_id", "place_id", name="uq_event_places_place"),
    )
    op.create_index("ix_event_places_event_id", "event_places", ["event_id"])
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "article_id", sa.Integer(),
            sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False,
        ),
        sa.Column(
            "event_id", sa.Integer(),
            sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False,
        ),
        sa.Column(
            "event_place_id", sa.Integer(),
            sa.ForeignKey("event_places.id", ondelete="CASCADE"), nullable=True,
        ),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("after", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
    )
    op.create_index("ix_corrections_article_id", "corrections", ["article_id"])
    op.create_index("ix_corrections_event_id", "corrections", ["event_id"])


def downgrade() -> None:
    for table in ("corrections", "event_places", "events", "articles", "store_meta"):
        op.drop_table(table)
