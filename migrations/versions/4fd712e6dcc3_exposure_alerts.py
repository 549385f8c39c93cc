"""exposure alerts: a manager is told once per crossing of a cap or dose limit by logged hours

Revision ID: 4fd712e6dcc3
Revises: 6ea2b85b7c77
Create Date: 2026-12-01 09:41:34.556723

"""
from alembic import op
import sqlalchemy as sa


revision = '4fd712e6dcc3'
down_revision = '6ea2b85b7c77'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('exposure_alert',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('period', sa.String(length=80), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_exposure_alert_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exposure_alert')),
    sa.UniqueConstraint('user_id', 'code', 'period', name=op.f('uq_exposure_alert_user_id_code_period'))
    )
    with op.batch_alter_table('exposure_alert', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exposure_alert_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('exposure_alert', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exposure_alert_user_id'))

    op.drop_table('exposure_alert')
