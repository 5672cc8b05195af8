"""Batches: each site of a batch once, with its state and the run it stored.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "batch_sites",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("batch", sa.String(200), nullable=False, index=True),
        sa.Column("site_key", sa.String(500), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("state", sa.String(20), nullable=False, index=True),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("worker", sa.String(200)),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="SET NULL")),
        sa.Column("run_dir", sa.String(4000)),
        sa.Column("score", sa.Integer),
        sa.Column("pages", sa.Integer),
        sa.Column("seconds", sa.Float),
        sa.Column("error", sa.Text),
        sa.Column("started_at", sa.DateTime),
        sa.Column("finished_at", sa.DateTime),
        sa.UniqueConstraint("batch", "site_key", name="uq_batch_site"),
    )


def downgrade() -> None:
    op.drop_table("batch_sites")
