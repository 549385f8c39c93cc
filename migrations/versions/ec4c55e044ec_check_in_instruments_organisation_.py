"""check-in instruments: organisation settings, prompts per instrument

Revision ID: ec4c55e044ec
Revises: 142c9bffb6aa
Create Date: 2026-12-01 09:03:08.738656

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ec4c55e044ec'
down_revision = '142c9bffb6aa'
branch_labels = None
depends_on = None


PENDING = sa.text("state != 'answered'")


def upgrade():
    op.create_table('instrument_setting',
    sa.Column('instrument', sa.String(length=40), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('cadence_days', sa.Integer(), nullable=False),
    sa.CheckConstraint('cadence_days BETWEEN 1 AND 365', name=op.f('ck_instrument_setting_cadence_range')),
    sa.PrimaryKeyConstraint('instrument', name=op.f('pk_instrument_setting'))
    )
    with op.batch_alter_table('prompt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('instrument', sa.String(length=40), server_default='who5', nullable=False))
        batch_op.drop_index('uq_prompt_pending_reason', sqlite_where=PENDING, postgresql_where=PENDING)
        batch_op.create_index('uq_prompt_pending_reason', ['user_id', 'reason', 'instrument'], unique=True,
                              sqlite_where=PENDING, postgresql_where=PENDING)


def downgrade():
    op.execute("DELETE FROM prompt WHERE instrument != 'who5'")
    with op.batch_alter_table('prompt', schema=None) as batch_op:
        batch_op.drop_index('uq_prompt_pending_reason', sqlite_where=PENDING, postgresql_where=PENDING)
        batch_op.create_index('uq_prompt_pending_reason', ['user_id', 'reason'], unique=True,
                              sqlite_where=PENDING, postgresql_where=PENDING)
        batch_op.drop_column('instrument')
    op.drop_table('instrument_setting')
