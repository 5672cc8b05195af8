"""History: sites, runs, category scores, check results, findings, channels, probe results.

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels = None
depends_on = None


def _run_fk() -> sa.ForeignKey:
    return sa.ForeignKey("runs.id", ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "sites",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(500), nullable=False, unique=True),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("domain", sa.String(255), nullable=False, index=True),
        sa.Column("name", sa.String(200)),
        sa.Column("owner", sa.String(200)),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("site_id", sa.Integer, sa.ForeignKey("sites.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("started_at", sa.DateTime, nullable=False, index=True),
        sa.Column("finished_at", sa.DateTime),
        sa.Column("score", sa.Integer),
        sa.Column("partial", sa.Boolean, nullable=False),
        sa.Column("pages_crawled", sa.Integer, nullable=False),
        sa.Column("pages_rendered", sa.Integer, nullable=False),
        sa.Column("run_dir", sa.String(4000), index=True),
        sa.Column("tool_version", sa.String(50), nullable=False),
    )
    op.create_table(
        "category_scores",
        sa.Column("run_id", sa.Integer, _run_fk(), primary_key=True),
        sa.Column("category", sa.String(50), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("score", sa.Integer),
        sa.Column("provisional", sa.Boolean, nullable=False),
    )
    op.create_table(
        "check_results",
        sa.Column("run_id", sa.Integer, _run_fk(), primary_key=True),
        sa.Column("check_id", sa.String(100), primary_key=True),
        sa.Column("category", sa.String(50), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("mode", sa.String(20), nullable=False),
        sa.Column("weight", sa.Float, nullable=False),
        sa.Column("display_value", sa.Text, nullable=False),
    )
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("run_id", sa.Integer, _run_fk(), nullable=False, index=True),
        sa.Column("fingerprint", sa.String(64), nullable=False, index=True),
        sa.Column("check_id", sa.String(100), nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.UniqueConstraint("run_id", "fingerprint", name="uq_finding_once_per_run"),
    )
    op.create_table(
        "channels",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("run_id", sa.Integer, _run_fk(), nullable=False, index=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("key", sa.String(1000), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("noun", sa.String(200), nullable=False),
        sa.Column("detail", sa.JSON, nullable=False),
        sa.UniqueConstraint("run_id", "key", name="uq_channel_once_per_run"),
    )
    op.create_table(
        "probe_results",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("run_id", sa.Integer, _run_fk(), nullable=False, index=True),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("target", sa.String(2000), nullable=False),
        sa.Column("token", sa.String(40), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("sent_at", sa.DateTime),
        sa.Column("first_reply_at", sa.DateTime),
        sa.Column("first_human_reply_at", sa.DateTime),
        sa.Column("auto_reply", sa.Boolean),
        sa.Column("human_handover", sa.Boolean),
        sa.Column("promised_response_time", sa.String(100)),
    )


def downgrade() -> None:
    for table in ("probe_results", "channels", "findings", "check_results", "category_scores", "runs", "sites"):
        op.drop_table(table)
