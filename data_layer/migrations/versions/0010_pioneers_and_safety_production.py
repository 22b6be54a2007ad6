"""党建+安全生产: a 党支部's business unit (区队/科室), its production indicators and monthly figures, its
safety months, and the 党员先锋岗 / 党员责任区 its members hold with their monthly checks

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 09:09:06.878380
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The tables made here, each given its table_version row at the current data version (as 0005 did).
TABLES = ("productionindicator", "productionfigure", "safetyrecord", "pioneerpost", "pioneercheck")


def upgrade() -> None:
    op.create_table(
        "productionindicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=30), nullable=False),
        sa.Column("measure", sa.String(length=10), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"],
            ["organisation.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("year", "branch_id", "name"),
    )
    with op.batch_alter_table("productionindicator", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_productionindicator_branch_id"), ["branch_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_productionindicator_year"), ["year"], unique=False)

    op.create_table(
        "pioneerpost",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("started_month", sa.String(length=7), nullable=False),
        sa.Column("ended_month", sa.String(length=7), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"],
            ["organisation.id"],
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("branch_id", "name"),
    )
    with op.batch_alter_table("pioneerpost", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pioneerpost_branch_id"), ["branch_id"], unique=False)

    op.create_table(
        "productionfigure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("plan", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("actual", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entered_by_id"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["productionindicator.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("indicator_id", "month"),
    )
    with op.batch_alter_table("productionfigure", schema=None) as batch_op:
        batch_op.create_index("ix_productionfigure_month", ["month"], unique=False)

    op.create_table(
        "safetyrecord",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("workforce", sa.Integer(), nullable=False),
        sa.Column("hazards_found", sa.Integer(), nullable=False),
        sa.Column("hazards_closed", sa.Integer(), nullable=False),
        sa.Column("hazards_by_members", sa.Integer(), nullable=False),
        sa.Column("violations_members", sa.Integer(), nullable=False),
        sa.Column("violations_others", sa.Integer(), nullable=False),
        sa.Column("injury_accidents", sa.Integer(), nullable=False),
        sa.Column("other_accidents", sa.Integer(), nullable=False),
        sa.Column("safe_days", sa.Integer(), nullable=False),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"],
            ["organisation.id"],
        ),
        sa.ForeignKeyConstraint(
            ["entered_by_id"],
            ["app_user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("branch_id", "month"),
    )
    with op.batch_alter_table("safetyrecord", schema=None) as batch_op:
        batch_op.create_index("ix_safetyrecord_month", ["month"], unique=False)

    op.create_table(
        "pioneercheck",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("violation_free", sa.Boolean(), nullable=False),
        sa.Column("accident_free", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entered_by_id"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["pioneerpost.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("post_id", "month"),
    )
    with op.batch_alter_table("pioneercheck", schema=None) as batch_op:
        batch_op.create_index("ix_pioneercheck_month", ["month"], unique=False)

    # Added in place: a batch copy of ``organisation`` would drop the table every other one points at.
    op.add_column("organisation", sa.Column("unit", sa.String(length=50), nullable=True))
    op.add_column("organisation", sa.Column("unit_kind", sa.String(length=8), nullable=True))

    table_version = sa.table(
        "table_version", sa.column("name", sa.String), sa.column("version", sa.BigInteger)
    )
    current = op.get_bind().execute(sa.text("SELECT version FROM data_version WHERE id = 1")).scalar_one()
    op.bulk_insert(table_version, [{"name": name, "version": current, "whole": current} for name in TABLES])


def downgrade() -> None:
    op.execute(f"DELETE FROM table_version WHERE name IN ({', '.join(repr(name) for name in TABLES)})")
    op.drop_column("organisation", "unit_kind")
    op.drop_column("organisation", "unit")

    with op.batch_alter_table("pioneercheck", schema=None) as batch_op:
        batch_op.drop_index("ix_pioneercheck_month")

    op.drop_table("pioneercheck")
    with op.batch_alter_table("safetyrecord", schema=None) as batch_op:
        batch_op.drop_index("ix_safetyrecord_month")

    op.drop_table("safetyrecord")
    with op.batch_alter_table("productionfigure", schema=None) as batch_op:
        batch_op.drop_index("ix_productionfigure_month")

    op.drop_table("productionfigure")
    with op.batch_alter_table("pioneerpost", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pioneerpost_branch_id"))

    op.drop_table("pioneerpost")
    with op.batch_alter_table("productionindicator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_productionindicator_year"))
        batch_op.drop_index(batch_op.f("ix_productionindicator_branch_id"))

    op.drop_table("productionindicator")
