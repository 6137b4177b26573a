"""account list index: accounts in name order, of everyone or of one role

The admin's account list pages through the users in name order, optionally of one role. With these
indexes the database reads one page from the index instead of sorting every account. The role index
starts with the old one's column, so it serves every query that the old one served.

Revision ID: 0009_account_list_index
Revises: 0008_progress_state_index
Create Date: 2026-12-06 22:45:00

"""
from alembic import op


revision = '0009_account_list_index'
down_revision = '0008_progress_state_index'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.create_index('ix_user_display_name', ['display_name', 'id'], unique=False)
        batch_op.create_index('ix_user_role_display_name', ['role', 'display_name', 'id'], unique=False)
        batch_op.drop_index('ix_user_role')


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.create_index('ix_user_role', ['role'], unique=False)
        batch_op.drop_index('ix_user_role_display_name')
        batch_op.drop_index('ix_user_display_name')
