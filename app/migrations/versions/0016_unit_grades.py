"""unit grades: a sub-area's grade as its assessor decided it, per credit

Revision ID: 0016_unit_grades
Revises: 0015_unit_national_codes
Create Date: 2026-12-07 01:00:00

"""
import sqlalchemy as sa
from alembic import op



revision = '0016_unit_grades'
down_revision = '0015_unit_national_codes'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('unit_grade',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('grade', sa.String(length=32), nullable=False),
    sa.Column('proposed', sa.String(length=32), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'], name=op.f('fk_unit_grade_decided_by_id_user')),
    sa.ForeignKeyConstraint(['entry_id'], ['points_entry.id'], name=op.f('fk_unit_grade_entry_id_points_entry')),
    sa.ForeignKeyConstraint(['learner_id'], ['user.id'], name=op.f('fk_unit_grade_learner_id_user')),
    sa.ForeignKeyConstraint(['unit_id'], ['competence_unit.id'], name=op.f('fk_unit_grade_unit_id_competence_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_grade'))
    )
    with op.batch_alter_table('unit_grade', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_grade_entry_id'), ['entry_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_unit_grade_learner_id'), ['learner_id'], unique=False)


def downgrade():
    with op.batch_alter_table('unit_grade', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_grade_learner_id'))
        batch_op.drop_index(batch_op.f('ix_unit_grade_entry_id'))
    op.drop_table('unit_grade')
