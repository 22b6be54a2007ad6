"""table versions: for each table the data version of its last write, so that remembered reads are
given again until a table they read changes (not until any write at all)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The tables of 0001 (later tables get their row from the write that first changes them).
TABLES = (
    "organisation",
    "member",
    "app_user",
    "goal",
    "task",
    "taskprogress",
    "studyrecord",
    "yearparameter",
    "setting",
    "expensecategory",
    "budgetallocation",
    "expense",
    "meeting",
    "submission",
    "auditlog",
)


def upgrade() -> None:
    table_version = op.create_table(
        "table_version",
        sa.Column("name", sa.String(length=63), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    current = op.get_bind().execute(sa.text("SELECT version FROM data_version WHERE id = 1")).scalar_one()
    op.bulk_insert(table_version, [{"name": name, "version": current} for name in TABLES])


def downgrade() -> None:
    op.drop_table("table_version")
