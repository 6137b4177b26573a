"""group archive: a group can be archived and restored

An archived group leaves the coach's lists and becomes read-only; its learners and their records stay.

Revision ID: 0013_group_archive
Revises: 0012_content_authoring
Create Date: 2026-12-07 00:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0013_group_archive'
down_revision = '0012_content_authoring'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('learner_group', schema=None) as batch_op:
        batch_op.add_column(sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('learner_group', schema=None) as batch_op:
        batch_op.drop_column('archived_at')
