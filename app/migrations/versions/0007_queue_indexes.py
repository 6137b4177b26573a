"""queue indexes: submissions and recognition requests by learner and status

The coach's review queue and the menu's count ask, for the learners of the coach's groups, which
submissions and recognition requests wait (one status). With an index on (learner_id, status) the
database answers from the index alone instead of reading every submission of those learners
(three times faster on the benchmark's data, issue 7).

Revision ID: 0007_queue_indexes
Revises: 0006_content_version
Create Date: 2026-11-23 17:40:00

"""
from alembic import op


revision = '0007_queue_indexes'
down_revision = '0006_content_version'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_submission_learner_id_status', 'submission', ['learner_id', 'status'], unique=False)
    op.create_index('ix_recognition_request_learner_id_status', 'recognition_request', ['learner_id', 'status'],
                    unique=False)


def downgrade():
    op.drop_index('ix_recognition_request_learner_id_status', table_name='recognition_request')
    op.drop_index('ix_submission_learner_id_status', table_name='submission')
