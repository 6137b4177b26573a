"""content authoring: content editors, the published source, drafts and course versions

Coaches marked as content editors may edit content in the browser. The content import keeps the
source files verbatim (content_source_file), so export gives them back exactly; editors' unpublished
changes are draft files per course; every publish of a course records a version with its files.

Revision ID: 0012_content_authoring
Revises: 0011_participation_days
Create Date: 2026-12-07 00:40:00

"""
from alembic import op
import sqlalchemy as sa



revision = '0012_content_authoring'
down_revision = '0011_participation_days'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_editor', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    op.create_table('content_source_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('path', sa.String(length=300), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_content_source_file')),
    sa.UniqueConstraint('path', name=op.f('uq_content_source_file_path'))
    )
    op.create_table('content_draft_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_code', sa.String(length=64), nullable=False),
    sa.Column('path', sa.String(length=300), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('base_hash', sa.String(length=64), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_content_draft_file_updated_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_content_draft_file')),
    sa.UniqueConstraint('course_code', 'path', name=op.f('uq_content_draft_file_course_code'))
    )
    with op.batch_alter_table('content_draft_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_content_draft_file_course_code'), ['course_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_content_draft_file_updated_by_id'), ['updated_by_id'], unique=False)
    op.create_table('course_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_code', sa.String(length=64), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_course_version_created_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course_version')),
    sa.UniqueConstraint('course_code', 'number', name=op.f('uq_course_version_course_code'))
    )
    with op.batch_alter_table('course_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_version_created_by_id'), ['created_by_id'], unique=False)
    op.create_table('course_version_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('path', sa.String(length=300), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['course_version.id'], name=op.f('fk_course_version_file_version_id_course_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course_version_file')),
    sa.UniqueConstraint('version_id', 'path', name=op.f('uq_course_version_file_version_id'))
    )


def downgrade():
    op.drop_table('course_version_file')
    with op.batch_alter_table('course_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_version_created_by_id'))
    op.drop_table('course_version')
    with op.batch_alter_table('content_draft_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_content_draft_file_updated_by_id'))
        batch_op.drop_index(batch_op.f('ix_content_draft_file_course_code'))
    op.drop_table('content_draft_file')
    op.drop_table('content_source_file')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('content_editor')
