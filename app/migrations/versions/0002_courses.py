"""courses, progress, activities and competence frameworks

Content tables (course, course_module, course_step; competence_area, competence_unit,
competence_objective) are keyed by stable codes from content/ and archived, never deleted; the
learner tables (progress_event, quiz_attempt, submission, submission_file, self_assessment) point
at steps by id. Every foreign key has an index.

Revision ID: 0002_courses
Revises: 0001_accounts
Create Date: 2026-11-23 13:10:12.805875

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002_courses'
down_revision = '0001_accounts'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('competence_area',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.JSON(), nullable=False),
    sa.Column('osp', sa.Integer(), nullable=False),
    sa.Column('scales', sa.JSON(), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_competence_area')),
    sa.UniqueConstraint('code', name=op.f('uq_competence_area_code'))
    )
    op.create_table('course',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('intro_html', sa.Text(), nullable=False),
    sa.Column('framework_code', sa.String(length=64), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('variants', sa.JSON(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course')),
    sa.UniqueConstraint('code', name=op.f('uq_course_code'))
    )
    op.create_table('competence_unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.JSON(), nullable=False),
    sa.Column('osp', sa.Integer(), nullable=False),
    sa.Column('scale', sa.String(length=64), nullable=False),
    sa.Column('national_name', sa.String(length=300), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['area_id'], ['competence_area.id'], name=op.f('fk_competence_unit_area_id_competence_area')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_competence_unit')),
    sa.UniqueConstraint('code', name=op.f('uq_competence_unit_code'))
    )
    with op.batch_alter_table('competence_unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_competence_unit_area_id'), ['area_id'], unique=False)

    op.create_table('course_module',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('objectives', sa.JSON(), nullable=False),
    sa.Column('intro_html', sa.Text(), nullable=False),
    sa.Column('folder', sa.String(length=200), nullable=False),
    sa.Column('variants', sa.JSON(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['course.id'], name=op.f('fk_course_module_course_id_course')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course_module')),
    sa.UniqueConstraint('code', name=op.f('uq_course_module_code'))
    )
    with op.batch_alter_table('course_module', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_module_course_id'), ['course_id'], unique=False)

    op.create_table('competence_objective',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.JSON(), nullable=False),
    sa.Column('criteria', sa.JSON(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('compulsory', sa.Boolean(), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['unit_id'], ['competence_unit.id'], name=op.f('fk_competence_objective_unit_id_competence_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_competence_objective')),
    sa.UniqueConstraint('code', name=op.f('uq_competence_objective_code'))
    )
    with op.batch_alter_table('competence_objective', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_competence_objective_unit_id'), ['unit_id'], unique=False)

    op.create_table('course_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('module_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('objectives', sa.JSON(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('settings', sa.JSON(), nullable=False),
    sa.Column('variants', sa.JSON(), nullable=False),
    sa.Column('source_path', sa.String(length=300), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['module_id'], ['course_module.id'], name=op.f('fk_course_step_module_id_course_module')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course_step')),
    sa.UniqueConstraint('code', name=op.f('uq_course_step_code'))
    )
    with op.batch_alter_table('course_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_step_module_id'), ['module_id'], unique=False)

    op.create_table('progress_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['learner_id'], ['user.id'], name=op.f('fk_progress_event_learner_id_user')),
    sa.ForeignKeyConstraint(['step_id'], ['course_step.id'], name=op.f('fk_progress_event_step_id_course_step')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_event'))
    )
    with op.batch_alter_table('progress_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progress_event_learner_id'), ['learner_id'], unique=False)
        batch_op.create_index('ix_progress_event_learner_step', ['learner_id', 'step_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_progress_event_step_id'), ['step_id'], unique=False)

    op.create_table('quiz_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('correct', sa.Integer(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['learner_id'], ['user.id'], name=op.f('fk_quiz_attempt_learner_id_user')),
    sa.ForeignKeyConstraint(['step_id'], ['course_step.id'], name=op.f('fk_quiz_attempt_step_id_course_step')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quiz_attempt'))
    )
    with op.batch_alter_table('quiz_attempt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quiz_attempt_learner_id'), ['learner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quiz_attempt_step_id'), ['step_id'], unique=False)

    op.create_table('self_assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=False),
    sa.Column('objective_code', sa.String(length=64), nullable=False),
    sa.Column('level', sa.String(length=16), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['learner_id'], ['user.id'], name=op.f('fk_self_assessment_learner_id_user')),
    sa.ForeignKeyConstraint(['step_id'], ['course_step.id'], name=op.f('fk_self_assessment_step_id_course_step')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_self_assessment')),
    sa.UniqueConstraint('learner_id', 'objective_code', name=op.f('uq_self_assessment_learner_id'))
    )
    with op.batch_alter_table('self_assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_self_assessment_learner_id'), ['learner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_self_assessment_step_id'), ['step_id'], unique=False)

    op.create_table('submission',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('coach_message', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['learner_id'], ['user.id'], name=op.f('fk_submission_learner_id_user')),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['user.id'], name=op.f('fk_submission_reviewed_by_id_user')),
    sa.ForeignKeyConstraint(['step_id'], ['course_step.id'], name=op.f('fk_submission_step_id_course_step')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_submission')),
    sa.UniqueConstraint('learner_id', 'step_id', name=op.f('uq_submission_learner_id'))
    )
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_submission_learner_id'), ['learner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_submission_reviewed_by_id'), ['reviewed_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_submission_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_submission_step_id'), ['step_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_submission_submitted_at'), ['submitted_at'], unique=False)

    op.create_table('submission_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('stored_name', sa.String(length=80), nullable=False),
    sa.Column('original_name', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['submission_id'], ['submission.id'], name=op.f('fk_submission_file_submission_id_submission')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_submission_file')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_submission_file_stored_name'))
    )
    with op.batch_alter_table('submission_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_submission_file_submission_id'), ['submission_id'], unique=False)



def downgrade():
    with op.batch_alter_table('submission_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_submission_file_submission_id'))

    op.drop_table('submission_file')
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_submission_submitted_at'))
        batch_op.drop_index(batch_op.f('ix_submission_step_id'))
        batch_op.drop_index(batch_op.f('ix_submission_status'))
        batch_op.drop_index(batch_op.f('ix_submission_reviewed_by_id'))
        batch_op.drop_index(batch_op.f('ix_submission_learner_id'))

    op.drop_table('submission')
    with op.batch_alter_table('self_assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_self_assessment_step_id'))
        batch_op.drop_index(batch_op.f('ix_self_assessment_learner_id'))

    op.drop_table('self_assessment')
    with op.batch_alter_table('quiz_attempt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quiz_attempt_step_id'))
        batch_op.drop_index(batch_op.f('ix_quiz_attempt_learner_id'))

    op.drop_table('quiz_attempt')
    with op.batch_alter_table('progress_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progress_event_step_id'))
        batch_op.drop_index('ix_progress_event_learner_step')
        batch_op.drop_index(batch_op.f('ix_progress_event_learner_id'))

    op.drop_table('progress_event')
    with op.batch_alter_table('course_step', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_step_module_id'))

    op.drop_table('course_step')
    with op.batch_alter_table('competence_objective', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_competence_objective_unit_id'))

    op.drop_table('competence_objective')
    with op.batch_alter_table('course_module', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_module_course_id'))

    op.drop_table('course_module')
    with op.batch_alter_table('competence_unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_competence_unit_area_id'))

    op.drop_table('competence_unit')
    op.drop_table('course')
    op.drop_table('competence_area')
