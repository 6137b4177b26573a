"""unit national codes: each unit names the national code it corresponds to

`national_name` (a Finnish text) becomes `national`, a mapping of the national code, its koodisto and
official names, and the common unit it belongs to. The next `flask content import` fills it from the
framework files; certificates already issued keep the text they were issued with.

Revision ID: 0015_unit_national_codes
Revises: 0013_group_archive
Create Date: 2026-12-07 01:00:00

"""
import sqlalchemy as sa
from alembic import op


revision = '0015_unit_national_codes'
down_revision = '0013_group_archive'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('competence_unit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('national', sa.JSON(), nullable=False, server_default='{}'))
        batch_op.drop_column('national_name')


def downgrade():
    with op.batch_alter_table('competence_unit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('national_name', sa.String(length=300), nullable=False, server_default=''))
        batch_op.drop_column('national')
