"""notifications: what happened since a user's last visit, one row per person told

Revision ID: 0017_notifications
Revises: 0020_status_list_document
Create Date: 2026-12-07 01:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0017_notifications'
down_revision = '0020_status_list_document'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('notification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipient_id', sa.Integer(), nullable=False),
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('seen_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('delivered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('delivered_by', sa.String(length=16), nullable=True),
    sa.ForeignKeyConstraint(['learner_id'], ['user.id'], name=op.f('fk_notification_learner_id_user'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recipient_id'], ['user.id'], name=op.f('fk_notification_recipient_id_user'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification'))
    )
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.create_index('ix_notification_recipient_seen', ['recipient_id', 'seen_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_notification_learner_id'), ['learner_id'], unique=False)


def downgrade():
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notification_learner_id'))
        batch_op.drop_index('ix_notification_recipient_seen')
    op.drop_table('notification')
