"""status list document: the signed revocation list, signed again only when it changes

Revision ID: 0020_status_list_document
Revises: 0019_first_sign_in_language
Create Date: 2026-12-07 01:40:00

"""
import sqlalchemy as sa
from alembic import op


revision = '0020_status_list_document'
down_revision = '0019_first_sign_in_language'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('status_list_document',
    sa.Column('list_url', sa.String(length=500), nullable=False),
    sa.Column('state', sa.String(length=200), nullable=False),
    sa.Column('token', sa.Text(), nullable=False),
    sa.Column('signed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('list_url', name=op.f('pk_status_list_document'))
    )


def downgrade():
    op.drop_table('status_list_document')
