"""data version: one row counting committed writes, the cache key shared by every app process

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    data_version = op.create_table('data_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.CheckConstraint('id = 1', name='ck_data_version_single_row'),
    sa.PrimaryKeyConstraint('id')
    )
    op.bulk_insert(data_version, [{'id': 1, 'version': 0}])


def downgrade() -> None:
    op.drop_table('data_version')
