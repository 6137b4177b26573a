"""competence: recognition requests, decisions and the points ledger

recognition_request and evidence_file hold the learner's "I already know this"; competence_decision
rows are never updated (a correction supersedes, unique per superseded row); points_entry is the
append-only ledger whose (learner_id, unit_id, seq) key and CHECK (credits at odd seq, reversals at
even) make double crediting impossible. competence_decision.submission_id has no foreign key: the
competence tables do not depend on the courses tables above them. Every foreign key has an index.

Revision ID: 0003_competence
Revises: 0002_courses
Create Date: 2026-11-23 13:22:50.863941

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003_competence'
down_revision = '0002_courses'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('points_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('reverses_id', sa.Integer(), nullable=True),
    sa.Column('decision_ids', sa.JSON(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(kind = 'credit' AND seq % 2 = 1 AND points > 0) OR (kind = 'reversal' AND seq % 2 = 0 AND points < 0)", name=op.f('ck_points_entry_credit_odd_reversal_even')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_points_entry_created_by_id_user')),
    sa.ForeignKeyConstraint(['learner_id'], ['user.id'], name=op.f('fk_points_entry_learner_id_user')),
    sa.ForeignKeyConstraint(['reverses_id'], ['points_entry.id'], name=op.f('fk_points_entry_reverses_id_points_entry')),
    sa.ForeignKeyConstraint(['unit_id'], ['competence_unit.id'], name=op.f('fk_points_entry_unit_id_competence_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_points_entry')),
    sa.UniqueConstraint('learner_id', 'unit_id', 'seq', name='uq_points_entry_learner_unit_seq'),
    sa.UniqueConstraint('reverses_id', name=op.f('uq_points_entry_reverses_id'))
    )
    with op.batch_alter_table('points_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_points_entry_created_by_id'), ['created_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_points_entry_learner_id'), ['learner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_points_entry_unit_id'), ['unit_id'], unique=False)

    op.create_table('recognition_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('objective_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('coach_message', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'], name=op.f('fk_recognition_request_decided_by_id_user')),
    sa.ForeignKeyConstraint(['learner_id'], ['user.id'], name=op.f('fk_recognition_request_learner_id_user')),
    sa.ForeignKeyConstraint(['objective_id'], ['competence_objective.id'], name=op.f('fk_recognition_request_objective_id_competence_objective')),
    sa.ForeignKeyConstraint(['unit_id'], ['competence_unit.id'], name=op.f('fk_recognition_request_unit_id_competence_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recognition_request'))
    )
    with op.batch_alter_table('recognition_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recognition_request_decided_by_id'), ['decided_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recognition_request_learner_id'), ['learner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recognition_request_objective_id'), ['objective_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recognition_request_sent_at'), ['sent_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_recognition_request_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_recognition_request_unit_id'), ['unit_id'], unique=False)

    op.create_table('competence_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('objective_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('grade', sa.String(length=32), nullable=True),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=True),
    sa.Column('recognition_id', sa.Integer(), nullable=True),
    sa.Column('assessor_id', sa.Integer(), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('supersedes_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['assessor_id'], ['user.id'], name=op.f('fk_competence_decision_assessor_id_user')),
    sa.ForeignKeyConstraint(['learner_id'], ['user.id'], name=op.f('fk_competence_decision_learner_id_user')),
    sa.ForeignKeyConstraint(['objective_id'], ['competence_objective.id'], name=op.f('fk_competence_decision_objective_id_competence_objective')),
    sa.ForeignKeyConstraint(['recognition_id'], ['recognition_request.id'], name=op.f('fk_competence_decision_recognition_id_recognition_request')),
    sa.ForeignKeyConstraint(['supersedes_id'], ['competence_decision.id'], name=op.f('fk_competence_decision_supersedes_id_competence_decision')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_competence_decision')),
    sa.UniqueConstraint('supersedes_id', name=op.f('uq_competence_decision_supersedes_id'))
    )
    with op.batch_alter_table('competence_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_competence_decision_assessor_id'), ['assessor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_competence_decision_learner_id'), ['learner_id'], unique=False)
        batch_op.create_index('ix_competence_decision_learner_objective', ['learner_id', 'objective_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_competence_decision_objective_id'), ['objective_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_competence_decision_recognition_id'), ['recognition_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_competence_decision_submission_id'), ['submission_id'], unique=False)

    op.create_table('evidence_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('stored_name', sa.String(length=80), nullable=False),
    sa.Column('original_name', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['recognition_request.id'], name=op.f('fk_evidence_file_request_id_recognition_request')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence_file')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_evidence_file_stored_name'))
    )
    with op.batch_alter_table('evidence_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_file_request_id'), ['request_id'], unique=False)



def downgrade():
    with op.batch_alter_table('evidence_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_file_request_id'))

    op.drop_table('evidence_file')
    with op.batch_alter_table('competence_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_competence_decision_submission_id'))
        batch_op.drop_index(batch_op.f('ix_competence_decision_recognition_id'))
        batch_op.drop_index(batch_op.f('ix_competence_decision_objective_id'))
        batch_op.drop_index('ix_competence_decision_learner_objective')
        batch_op.drop_index(batch_op.f('ix_competence_decision_learner_id'))
        batch_op.drop_index(batch_op.f('ix_competence_decision_assessor_id'))

    op.drop_table('competence_decision')
    with op.batch_alter_table('recognition_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recognition_request_unit_id'))
        batch_op.drop_index(batch_op.f('ix_recognition_request_status'))
        batch_op.drop_index(batch_op.f('ix_recognition_request_sent_at'))
        batch_op.drop_index(batch_op.f('ix_recognition_request_objective_id'))
        batch_op.drop_index(batch_op.f('ix_recognition_request_learner_id'))
        batch_op.drop_index(batch_op.f('ix_recognition_request_decided_by_id'))

    op.drop_table('recognition_request')
    with op.batch_alter_table('points_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_points_entry_unit_id'))
        batch_op.drop_index(batch_op.f('ix_points_entry_learner_id'))
        batch_op.drop_index(batch_op.f('ix_points_entry_created_by_id'))

    op.drop_table('points_entry')
