"""export consent: the learner's permission to hand their recognised competence to the partner

Revision ID: 0018_export_consent
Revises: 0014_privacy
Create Date: 2026-12-07 01:40:00

"""
import sqlalchemy as sa
from alembic import op


revision = '0018_export_consent'
down_revision = '0014_privacy'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('export_consent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('partner', sa.String(length=200), nullable=False),
    sa.Column('given_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['learner_id'], ['user.id'], name=op.f('fk_export_consent_learner_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_export_consent'))
    )
    with op.batch_alter_table('export_consent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_export_consent_learner_id'), ['learner_id'], unique=False)


def downgrade():
    with op.batch_alter_table('export_consent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_export_consent_learner_id'))
    op.drop_table('export_consent')
