"""privacy: the sealed pool of anonymous feedback answers, and when an account was closed

Closed accounts are pseudonymised once the retention time has passed since closing
(`flask privacy pseudonymise`); accounts already closed count from this migration.

An anonymous round's drafts and sent-but-unreleased answers wait, sealed, in feedback_pending, and
the released answers no longer carry the hash of the learner's key (a sent anonymous answer cannot
change any more). Unsent anonymous drafts cannot be sealed here (sealing needs the secret key), so
they are dropped: their learners start again. Answers sent before this revision were inserted by
their learners' own transactions, so every anonymous round's answers are rewritten here in a random
order, in this migration's one transaction, as a release would.

Revision ID: 0014_privacy
Revises: 0016_unit_grades
Create Date: 2026-12-07 01:00:00

"""
import secrets
from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa


revision = '0014_privacy'
down_revision = '0016_unit_grades'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('pseudonymised_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_user_closed_at'), ['closed_at'], unique=False)
    user = sa.table('user', sa.column('active', sa.Boolean()), sa.column('closed_at', sa.DateTime(timezone=True)))
    op.execute(user.update().where(user.c.active == sa.false()).values(closed_at=datetime.now(UTC)))

    op.create_table('feedback_pending',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=True),
    sa.Column('sealed', sa.LargeBinary(), nullable=False),
    sa.Column('sent', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['feedback_round.id'], name=op.f('fk_feedback_pending_round_id_feedback_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_pending')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_feedback_pending_key_hash')),
    sqlite_with_rowid=False
    )
    with op.batch_alter_table('feedback_pending', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_pending_round_id'), ['round_id'], unique=False)

    op.execute("DELETE FROM feedback_answer_theme WHERE answer_id IN (SELECT a.id FROM feedback_answer a "
               "JOIN feedback_response r ON r.id = a.response_id WHERE r.key_hash IS NOT NULL AND NOT r.sent)")
    op.execute("DELETE FROM feedback_answer WHERE response_id IN "
               "(SELECT id FROM feedback_response WHERE key_hash IS NOT NULL AND NOT sent)")
    op.execute("DELETE FROM feedback_response WHERE key_hash IS NOT NULL AND NOT sent")
    saved = _read_answers()
    with op.batch_alter_table('feedback_response', schema=None) as batch_op:
        batch_op.drop_constraint('uq_feedback_response_key_hash', type_='unique')
        batch_op.drop_column('key_hash')
    _write_answers_in_random_order(saved)


def _tables():
    responses = sa.table('feedback_response', sa.column('id', sa.String()), sa.column('round_id', sa.Integer()),
                         sa.column('learner_id', sa.Integer()), sa.column('group_ids', sa.JSON()),
                         sa.column('sent', sa.Boolean()))
    answers = sa.table('feedback_answer', sa.column('id', sa.String()), sa.column('response_id', sa.String()),
                       sa.column('question_id', sa.Integer()), sa.column('number', sa.Integer()),
                       sa.column('numbers', sa.JSON()), sa.column('text', sa.Text()))
    links = sa.table('feedback_answer_theme', sa.column('answer_id', sa.String()), sa.column('theme_id', sa.Integer()))
    rounds = sa.table('feedback_round', sa.column('id', sa.Integer()), sa.column('anonymous', sa.Boolean()))
    anonymous = sa.select(responses.c.id).where(responses.c.round_id.in_(
        sa.select(rounds.c.id).where(rounds.c.anonymous == sa.true())))
    return responses, answers, links, anonymous


def _read_answers():
    """Every answer and theme link, and the anonymous rounds' responses, before feedback_response is
    rebuilt (on SQLite the rebuild drops the old table, which cascades to the answers)."""
    responses, answers, links, anonymous = _tables()
    bind = op.get_bind()
    return {name: [dict(r) for r in bind.execute(query).mappings()] for name, query in (
        ("responses", sa.select(responses).where(responses.c.id.in_(anonymous))),
        ("answers", sa.select(answers)), ("links", sa.select(links)))}


def _write_answers_in_random_order(saved):
    responses, answers, links, anonymous = _tables()
    bind = op.get_bind()
    bind.execute(links.delete())
    bind.execute(answers.delete())
    bind.execute(responses.delete().where(responses.c.id.in_(anonymous)))
    for table, name in ((responses, "responses"), (answers, "answers"), (links, "links")):
        rows = saved[name]
        secrets.SystemRandom().shuffle(rows)
        if rows:
            bind.execute(table.insert(), rows)


def downgrade():
    saved = _read_answers()
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_closed_at'))
        batch_op.drop_column('pseudonymised_at')
        batch_op.drop_column('closed_at')
    with op.batch_alter_table('feedback_response', schema=None) as batch_op:
        batch_op.add_column(sa.Column('key_hash', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint('uq_feedback_response_key_hash', ['key_hash'])
    _write_answers_in_random_order(saved)
    with op.batch_alter_table('feedback_pending', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_pending_round_id'))
    op.drop_table('feedback_pending')
