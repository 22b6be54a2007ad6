"""member dates: 转入, 转出, 离世, and the latest move between 党支部 (its date and the 党支部 before it)

A member without a 转入 date has been one since before the data begins; existing members keep counting
in every month as before.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 23:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DATES = ("arrived_on", "left_on", "died_on", "moved_on")


FOREIGN_KEY = "member_previous_branch_id_fkey"


def upgrade() -> None:
    # Columns added in place: a batch copy of ``member`` would drop the table its dues, study and ideas
    # rows point at, which SQLite refuses with foreign keys on.
    for name in DATES:
        op.add_column("member", sa.Column(name, sa.Date(), nullable=True))
    if op.get_bind().dialect.name == "sqlite":  # SQLite adds a reference only with its column
        op.execute("ALTER TABLE member ADD COLUMN previous_branch_id INTEGER REFERENCES organisation (id)")
    else:
        op.add_column("member", sa.Column("previous_branch_id", sa.Integer(), nullable=True))
        op.create_foreign_key(FOREIGN_KEY, "member", "organisation", ["previous_branch_id"], ["id"])


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(FOREIGN_KEY, "member", type_="foreignkey")
    for name in ("previous_branch_id", *reversed(DATES)):
        op.drop_column("member", name)
