"""meeting groups: a 党小组会 records which 党小组 met (several 党小组 may meet the same evening)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 23:30:00

Meetings recorded before have no 党小组; they keep none (nobody can tell which 党小组 met), and the
compliance figures count each such 党小组会 as before (docs/metrics.md), so no approved month changes.
The meeting table already has its table_version row (0004).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FOREIGN_KEY = "fk_meeting_group_id_organisation"


def upgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("group_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(FOREIGN_KEY, "organisation", ["group_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_constraint(FOREIGN_KEY, type_="foreignkey")
        batch_op.drop_column("group_id")
