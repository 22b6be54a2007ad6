"""branch versions: which 党支部 each write changed, so that an answer with a part per 党支部 is
recomputed only for the 党支部 written since (table_version.whole: the last write that named none)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 06:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("table_version") as table:
        table.add_column(sa.Column("whole", sa.BigInteger(), nullable=False, server_default="0"))
    # Until now every write changed its tables as a whole.
    op.execute("UPDATE table_version SET whole = version")
    op.create_table(
        "branch_version",
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("branch_id"),
    )
    op.create_index("ix_branch_version_version", "branch_version", ["version"])


def downgrade() -> None:
    op.drop_index("ix_branch_version_version", table_name="branch_version")
    op.drop_table("branch_version")
    with op.batch_alter_table("table_version") as table:
        table.drop_column("whole")
