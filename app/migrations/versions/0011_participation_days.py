"""participation days: one row per learner and day, with the mode and the reason of an absence

A learner's remote check-in waits unconfirmed for the coach; `version` grows with each correction, so a
stale week grid is refused. The index on (day, learner_id, mode, confirmed) lets the figures count a
month range's days without reading the table.

Revision ID: 0011_participation_days
Revises: 0010_service_plans
Create Date: 2026-12-07 00:50:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0011_participation_days'
down_revision = '0010_service_plans'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('participation_day',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('mode', sa.String(length=16), nullable=False),
    sa.Column('absence_reason', sa.String(length=16), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('confirmed', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("mode IN ('on_site', 'remote', 'absent')", name=op.f('ck_participation_day_mode')),
    sa.CheckConstraint("absence_reason IN ('ill', 'appointment', 'leave', 'no_notice', 'other')",
                       name=op.f('ck_participation_day_absence_reason')),
    sa.CheckConstraint("(mode = 'absent') = (absence_reason IS NOT NULL)",
                       name=op.f('ck_participation_day_reason_when_absent')),
    sa.ForeignKeyConstraint(['learner_id'], ['user.id'], name=op.f('fk_participation_day_learner_id_user')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user.id'], name=op.f('fk_participation_day_recorded_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participation_day')),
    sa.UniqueConstraint('learner_id', 'day', name='uq_participation_day_learner_day')
    )
    with op.batch_alter_table('participation_day', schema=None) as batch_op:
        batch_op.create_index('ix_participation_day_day_learner', ['day', 'learner_id', 'mode', 'confirmed'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_participation_day_recorded_by_id'), ['recorded_by_id'], unique=False)


def downgrade():
    with op.batch_alter_table('participation_day', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participation_day_recorded_by_id'))
        batch_op.drop_index('ix_participation_day_day_learner')
    op.drop_table('participation_day')
