"""read indexes for group scale: covering indexes for the sums the leader pages take, and the
organisation path index usable for LIKE 'prefix%' on PostgreSQL in any collation

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 01:30:00

Why each index (the plans are in docs/performance.md):
- taskprogress (task_id, month, quantity): a task's progress through M is summed from the index alone,
  one range per task, for the task list, the per-branch sums and the heat map;
- studyrecord (member_id, month, hours, points): a member's hours and points January–M from the index
  alone (the table has a row per member and month: about 2 million at group scale);
- studyrecord (month, member_id, hours, points): the sums of each month (the study trend) from the index
  alone, read in month order;
- expense (month, branch_id, category_id, amount): the year's spending by branch, category or month, and
  the carry-forward sum of earlier years, as index range scans without reading the table;
- organisation.path: PostgreSQL uses a plain btree for LIKE 'prefix%' only under the C collation, so the
  index is rebuilt with varchar_pattern_ops there (SQLite keeps its index as it is).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _on_postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    with op.batch_alter_table("taskprogress", schema=None) as batch_op:
        batch_op.create_index(
            "ix_taskprogress_task_month_quantity", ["task_id", "month", "quantity"], unique=False
        )
    with op.batch_alter_table("studyrecord", schema=None) as batch_op:
        batch_op.create_index(
            "ix_studyrecord_member_month_totals", ["member_id", "month", "hours", "points"], unique=False
        )
        batch_op.create_index(
            "ix_studyrecord_month_totals", ["month", "member_id", "hours", "points"], unique=False
        )
    with op.batch_alter_table("expense", schema=None) as batch_op:
        batch_op.create_index(
            "ix_expense_month_totals", ["month", "branch_id", "category_id", "amount"], unique=False
        )
    if _on_postgresql():
        op.drop_index("ix_organisation_path", table_name="organisation")
        op.create_index(
            "ix_organisation_path",
            "organisation",
            ["path"],
            unique=False,
            postgresql_ops={"path": "varchar_pattern_ops"},
        )


def downgrade() -> None:
    if _on_postgresql():
        op.drop_index("ix_organisation_path", table_name="organisation")
        op.create_index("ix_organisation_path", "organisation", ["path"], unique=False)
    with op.batch_alter_table("expense", schema=None) as batch_op:
        batch_op.drop_index("ix_expense_month_totals")
    with op.batch_alter_table("studyrecord", schema=None) as batch_op:
        batch_op.drop_index("ix_studyrecord_month_totals")
        batch_op.drop_index("ix_studyrecord_member_month_totals")
    with op.batch_alter_table("taskprogress", schema=None) as batch_op:
        batch_op.drop_index("ix_taskprogress_task_month_quantity")
