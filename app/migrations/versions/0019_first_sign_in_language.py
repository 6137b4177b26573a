"""first sign-in language: when a user chose their language, so a learner is asked it only once

Revision ID: 0019_first_sign_in_language
Revises: 0018_export_consent
Create Date: 2026-12-07 02:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0019_first_sign_in_language'
down_revision = '0018_export_consent'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language_chosen_at', sa.DateTime(timezone=True), nullable=True))
    # People who already use Verstas are not stopped at their next sign-in.
    op.execute('UPDATE "user" SET language_chosen_at = last_sign_in_at WHERE last_sign_in_at IS NOT NULL')


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('language_chosen_at')
