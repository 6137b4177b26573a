"""certificates

Issued certificates (certificate): the exact PDF bytes with their SHA-256, what the certificate says
(JSON, read by the public verification page), the verification code, the bit in the Open Badges
revocation list, revocation and the certificate a corrected one replaces; and the signed Open Badges
issued with them (certificate_badge), one per unit. Every foreign key has an index.

Revision ID: 0004_certificates
Revises: 0003_competence
Create Date: 2026-11-23 13:51:27.451971

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004_certificates'
down_revision = '0003_competence'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('certificate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('status_index', sa.Integer(), nullable=False),
    sa.Column('subject_id', sa.String(length=64), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('issued_by_id', sa.Integer(), nullable=False),
    sa.Column('replaces_id', sa.Integer(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_by_id', sa.Integer(), nullable=True),
    sa.Column('revocation_reason', sa.String(length=32), nullable=True),
    sa.Column('revocation_note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['issued_by_id'], ['user.id'], name=op.f('fk_certificate_issued_by_id_user')),
    sa.ForeignKeyConstraint(['learner_id'], ['user.id'], name=op.f('fk_certificate_learner_id_user')),
    sa.ForeignKeyConstraint(['replaces_id'], ['certificate.id'], name=op.f('fk_certificate_replaces_id_certificate')),
    sa.ForeignKeyConstraint(['revoked_by_id'], ['user.id'], name=op.f('fk_certificate_revoked_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate')),
    sa.UniqueConstraint('code', name=op.f('uq_certificate_code')),
    sa.UniqueConstraint('replaces_id', name=op.f('uq_certificate_replaces_id')),
    sa.UniqueConstraint('sha256', name=op.f('uq_certificate_sha256')),
    sa.UniqueConstraint('status_index', name=op.f('uq_certificate_status_index'))
    )
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificate_issued_by_id'), ['issued_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificate_learner_id'), ['learner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificate_revoked_by_id'), ['revoked_by_id'], unique=False)

    op.create_table('certificate_badge',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('certificate_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('unit_code', sa.String(length=64), nullable=False),
    sa.Column('credential_id', sa.String(length=64), nullable=False),
    sa.Column('token', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['certificate_id'], ['certificate.id'], name=op.f('fk_certificate_badge_certificate_id_certificate')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate_badge')),
    sa.UniqueConstraint('certificate_id', 'unit_code', name='uq_certificate_badge_unit'),
    sa.UniqueConstraint('credential_id', name=op.f('uq_certificate_badge_credential_id'))
    )
    with op.batch_alter_table('certificate_badge', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificate_badge_certificate_id'), ['certificate_id'], unique=False)


def downgrade():
    with op.batch_alter_table('certificate_badge', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificate_badge_certificate_id'))

    op.drop_table('certificate_badge')
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificate_revoked_by_id'))
        batch_op.drop_index(batch_op.f('ix_certificate_learner_id'))
        batch_op.drop_index(batch_op.f('ix_certificate_issued_by_id'))

    op.drop_table('certificate')
