"""Probe ledger: probes recorded before they are sent, their replies, and the mailbox cursor.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "probe_ledger",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("run_key", sa.String(200), nullable=False, index=True),
        sa.Column("domain", sa.String(255), nullable=False, index=True),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("target", sa.String(2000), nullable=False),
        sa.Column("token", sa.String(40), nullable=False, unique=True),
        sa.Column("state", sa.String(20), nullable=False, index=True),
        sa.Column("detail", sa.String(500), nullable=False),
        sa.Column("planned_at", sa.String(40), nullable=False),
        sa.Column("claimed_at", sa.String(40)),
        sa.Column("sent_at", sa.String(40)),
        sa.Column("message_id", sa.String(500), index=True),
        sa.Column("window_closes_at", sa.String(40)),
        sa.Column("first_reply_at", sa.String(40)),
        sa.Column("first_human_reply_at", sa.String(40)),
        sa.Column("business_seconds", sa.Float),
        sa.Column("auto_reply", sa.Boolean),
        sa.Column("promised_response_time", sa.String(40)),
        sa.Column("handover_asked_at", sa.String(40)),
        sa.Column("human_handover", sa.Boolean),
        sa.UniqueConstraint("run_key", "channel", "target", name="uq_probe_once_per_run"),
    )
    op.create_table(
        "probe_replies",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "probe_id",
            sa.Integer,
            sa.ForeignKey("probe_ledger.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("message_id", sa.String(500), nullable=False, unique=True),
        sa.Column("arrived_at", sa.String(40), nullable=False),
        sa.Column("automatic", sa.Boolean, nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("sender_domain", sa.String(255), nullable=False),
        sa.Column("promised_response_time", sa.String(40)),
    )
    op.create_table(
        "probe_mailbox_cursor",
        sa.Column("mailbox", sa.String(500), primary_key=True),
        sa.Column("uid_validity", sa.Integer, nullable=False),
        sa.Column("last_uid", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    for table in ("probe_mailbox_cursor", "probe_replies", "probe_ledger"):
        op.drop_table(table)
