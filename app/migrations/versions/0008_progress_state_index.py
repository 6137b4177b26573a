"""progress state index: a learner's events by step and kind

A step's state is worked out from the latest event of each kind (courses.progress.step_states), on My
path, every step page and My skills. With `kind` in the learner-and-step index the database answers
from the index alone, already in the order of its GROUP BY, instead of sorting the learner's events in
a temporary tree (a third less time on the benchmark's data, issue 7). The new index starts with the
old one's columns, so it serves every query that the old one served.

Revision ID: 0008_progress_state_index
Revises: 0007_queue_indexes
Create Date: 2026-11-30 00:20:00

"""
from alembic import op


revision = '0008_progress_state_index'
down_revision = '0007_queue_indexes'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('progress_event', schema=None) as batch_op:
        batch_op.create_index('ix_progress_event_learner_step_kind', ['learner_id', 'step_id', 'kind'], unique=False)
        batch_op.drop_index('ix_progress_event_learner_step')


def downgrade():
    with op.batch_alter_table('progress_event', schema=None) as batch_op:
        batch_op.create_index('ix_progress_event_learner_step', ['learner_id', 'step_id'], unique=False)
        batch_op.drop_index('ix_progress_event_learner_step_kind')
