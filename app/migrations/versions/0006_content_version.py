"""content version: one row whose random token every write of content rows renews

Each worker caches the course tree and the competence framework and rebuilds them when the token
changes (app/core/content_cache.py). The row is created here with a first token, so databases
that already hold content are cached from the start.

Revision ID: 0006_content_version
Revises: 0005_feedback
Create Date: 2026-11-23 15:30:00

"""
import secrets

from alembic import op
import sqlalchemy as sa


revision = '0006_content_version'
down_revision = '0005_feedback'
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table('content_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_content_version'))
    )
    op.bulk_insert(table, [{'id': 1, 'token': secrets.token_hex(16)}])


def downgrade():
    op.drop_table('content_version')
