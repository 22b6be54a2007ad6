"""lean mechanisms: 对标 indicators and manual scores, 金点子, 帮扶结对 and their visits, 党费

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 03:19:21.868324
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The tables made here, each given its table_version row at the current data version (as 0004 did for
# the tables before it), so that every data table has a version from the start.
TABLES = ("benchmarkindicator", "manualscore", "idea", "pairing", "pairvisit", "duesrecord")


def upgrade() -> None:
    op.create_table(
        "benchmarkindicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("source", sa.String(length=12), nullable=False),
        sa.Column("rule", sa.String(length=8), nullable=False),
        sa.Column("weight", sa.Numeric(precision=6, scale=2), nullable=False),
        sa.Column("target", sa.Numeric(precision=10, scale=4), nullable=True),
        sa.Column("floor", sa.Numeric(precision=10, scale=4), nullable=True),
        sa.Column("deduction", sa.Numeric(precision=6, scale=2), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("year", "name"),
    )
    with op.batch_alter_table("benchmarkindicator", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_benchmarkindicator_year"), ["year"], unique=False)

    op.create_table(
        "duesrecord",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("income", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("rate", sa.Numeric(precision=6, scale=4), nullable=False),
        sa.Column("due", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("paid", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entered_by_id"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("member_id", "month"),
    )
    with op.batch_alter_table("duesrecord", schema=None) as batch_op:
        batch_op.create_index(
            "ix_duesrecord_month_totals", ["month", "member_id", "due", "paid"], unique=False
        )

    op.create_table(
        "idea",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("proposer_member_id", sa.Integer(), nullable=False),
        sa.Column("proposed_on", sa.Date(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("status", sa.String(length=4), nullable=False),
        sa.Column("status_month", sa.String(length=7), nullable=False),
        sa.Column("adopted_month", sa.String(length=7), nullable=True),
        sa.Column("benefit_amount", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("benefit_text", sa.String(length=200), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["proposer_member_id"],
            ["member.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("branch_id", "title"),
    )
    with op.batch_alter_table("idea", schema=None) as batch_op:
        batch_op.create_index("ix_idea_branch_month", ["branch_id", "month"], unique=False)
        batch_op.create_index(batch_op.f("ix_idea_month"), ["month"], unique=False)

    op.create_table(
        "manualscore",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("points", sa.Numeric(precision=6, scale=2), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["benchmarkindicator.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("indicator_id", "branch_id", "month"),
    )
    with op.batch_alter_table("manualscore", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_manualscore_branch_id"), ["branch_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_manualscore_indicator_id"), ["indicator_id"], unique=False)

    op.create_table(
        "pairing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=4), nullable=False),
        sa.Column("helper_member_id", sa.Integer(), nullable=True),
        sa.Column("target", sa.String(length=50), nullable=False),
        sa.Column("partner_branch_id", sa.Integer(), nullable=True),
        sa.Column("started_month", sa.String(length=7), nullable=False),
        sa.Column("ended_month", sa.String(length=7), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"],
            ["organisation.id"],
        ),
        sa.ForeignKeyConstraint(
            ["helper_member_id"],
            ["member.id"],
        ),
        sa.ForeignKeyConstraint(
            ["partner_branch_id"],
            ["organisation.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("branch_id", "helper_member_id", "target"),
    )
    with op.batch_alter_table("pairing", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pairing_branch_id"), ["branch_id"], unique=False)

    op.create_table(
        "pairvisit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pairing_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entered_by_id"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["pairing_id"],
            ["pairing.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pairing_id", "month"),
    )
    with op.batch_alter_table("pairvisit", schema=None) as batch_op:
        batch_op.create_index("ix_pairvisit_month", ["month"], unique=False)
    table_version = sa.table("table_version", sa.column("name", sa.String), sa.column("version", sa.BigInteger))
    current = op.get_bind().execute(sa.text("SELECT version FROM data_version WHERE id = 1")).scalar_one()
    op.bulk_insert(table_version, [{"name": name, "version": current} for name in TABLES])


def downgrade() -> None:
    op.execute(f"DELETE FROM table_version WHERE name IN ({', '.join(repr(name) for name in TABLES)})")
    with op.batch_alter_table("pairvisit", schema=None) as batch_op:
        batch_op.drop_index("ix_pairvisit_month")

    op.drop_table("pairvisit")
    with op.batch_alter_table("pairing", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pairing_branch_id"))

    op.drop_table("pairing")
    with op.batch_alter_table("manualscore", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_manualscore_indicator_id"))
        batch_op.drop_index(batch_op.f("ix_manualscore_branch_id"))

    op.drop_table("manualscore")
    with op.batch_alter_table("idea", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_idea_month"))
        batch_op.drop_index("ix_idea_branch_month")

    op.drop_table("idea")
    with op.batch_alter_table("duesrecord", schema=None) as batch_op:
        batch_op.drop_index("ix_duesrecord_month_totals")

    op.drop_table("duesrecord")
    with op.batch_alter_table("benchmarkindicator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_benchmarkindicator_year"))

    op.drop_table("benchmarkindicator")
