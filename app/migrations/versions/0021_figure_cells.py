"""figure_cell: the figures' counts per month, group and service kind, kept by the services' writes

After upgrading, `flask figures rebuild` fills the cells from the rows already in the database.

Revision ID: 0021_figure_cells
Revises: 0017_notifications
Create Date: 2026-12-07 04:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0021_figure_cells'
down_revision = '0017_notifications'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('figure_cell',
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('active', sa.Integer(), nullable=False),
    sa.Column('on_site', sa.Integer(), nullable=False),
    sa.Column('remote', sa.Integer(), nullable=False),
    sa.Column('absent', sa.Integer(), nullable=False),
    sa.Column('meetings_on_site', sa.Integer(), nullable=False),
    sa.Column('meetings_phone', sa.Integer(), nullable=False),
    sa.Column('meetings_video', sa.Integer(), nullable=False),
    sa.Column('meetings_chat', sa.Integer(), nullable=False),
    sa.Column('modules', sa.Integer(), nullable=False),
    sa.Column('objectives', sa.Integer(), nullable=False),
    sa.Column('osp', sa.Integer(), nullable=False),
    sa.Column('certificates', sa.Integer(), nullable=False),
    sa.Column('feedback_asked', sa.Integer(), nullable=False),
    sa.Column('feedback_answered', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['learner_group.id'], name=op.f('fk_figure_cell_group_id_learner_group'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('kind', 'month', 'group_id', name=op.f('pk_figure_cell'))
    )
    with op.batch_alter_table('figure_cell', schema=None) as batch_op:
        batch_op.create_index('ix_figure_cell_group_month', ['group_id', 'month'], unique=False)


def downgrade():
    with op.batch_alter_table('figure_cell', schema=None) as batch_op:
        batch_op.drop_index('ix_figure_cell_group_month')
    op.drop_table('figure_cell')
