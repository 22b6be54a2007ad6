"""kept answers: remembered answers kept in the database, so that a process started later gives them
without computing them (data_layer/store/kept.py)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kept_answer",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("stored", sa.BigInteger(), nullable=False),
        sa.Column("answer", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_index("ix_kept_answer_stored", "kept_answer", ["stored"])


def downgrade() -> None:
    op.drop_index("ix_kept_answer_stored", table_name="kept_answer")
    op.drop_table("kept_answer")
