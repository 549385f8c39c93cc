"""testing-session timer, over-cap logs, break rhythm

Revision ID: 38df4c0b2a8f
Revises: 4fd712e6dcc3
Create Date: 2026-12-01 09:25:07.116597

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '38df4c0b2a8f'
down_revision = '4fd712e6dcc3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('testing_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('break_started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('break_seconds', sa.Integer(), nullable=False),
    sa.Column('breaks', sa.Integer(), nullable=False),
    sa.Column('stopped_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_by', sa.String(length=10), nullable=True),
    sa.Column('exposure_log_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("closed_by IS NULL OR closed_by IN ('member', 'day_end')", name=op.f('ck_testing_session_closed_by_known')),
    sa.CheckConstraint("source IN ('web', 'api')", name=op.f('ck_testing_session_source_known')),
    sa.CheckConstraint('break_seconds >= 0', name=op.f('ck_testing_session_break_seconds_nonnegative')),
    sa.CheckConstraint('breaks >= 0', name=op.f('ck_testing_session_breaks_nonnegative')),
    sa.ForeignKeyConstraint(['category_id'], ['category.id'], name=op.f('fk_testing_session_category_id_category'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['exposure_log_id'], ['exposure_log.id'], name=op.f('fk_testing_session_exposure_log_id_exposure_log'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_testing_session_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_testing_session'))
    )
    with op.batch_alter_table('testing_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_testing_session_user_id'), ['user_id'], unique=False)
        batch_op.create_index('uq_testing_session_running', ['user_id'], unique=True, sqlite_where=sa.text('stopped_at IS NULL'), postgresql_where=sa.text('stopped_at IS NULL'))

    with op.batch_alter_table('dose_policy', schema=None) as batch_op:
        batch_op.add_column(sa.Column('break_every_minutes', sa.Integer(), server_default='60', nullable=False))
        batch_op.add_column(sa.Column('break_minutes', sa.Integer(), server_default='10', nullable=False))
        batch_op.create_check_constraint('break_every_range', 'break_every_minutes BETWEEN 15 AND 240')
        batch_op.create_check_constraint('break_length_range', 'break_minutes BETWEEN 1 AND 60')

    with op.batch_alter_table('exposure_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('over_cap', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.drop_constraint(op.f('ck_exposure_log_source_known'), type_='check')
        batch_op.create_check_constraint('source_known', "source IN ('form', 'api', 'import', 'timer')")



def downgrade():
    op.execute("DELETE FROM exposure_log WHERE source = 'timer'")
    with op.batch_alter_table('exposure_log', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_exposure_log_source_known'), type_='check')
        batch_op.create_check_constraint('source_known', "source IN ('form', 'api', 'import')")
        batch_op.drop_column('over_cap')

    with op.batch_alter_table('dose_policy', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_dose_policy_break_length_range'), type_='check')
        batch_op.drop_constraint(op.f('ck_dose_policy_break_every_range'), type_='check')
        batch_op.drop_column('break_minutes')
        batch_op.drop_column('break_every_minutes')

    with op.batch_alter_table('testing_session', schema=None) as batch_op:
        batch_op.drop_index('uq_testing_session_running', sqlite_where=sa.text('stopped_at IS NULL'), postgresql_where=sa.text('stopped_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_testing_session_user_id'))

    op.drop_table('testing_session')
