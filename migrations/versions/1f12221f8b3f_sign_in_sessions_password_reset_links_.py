"""Sign-in sessions checked on every request, one-time password reset links, a notice shown at next sign-in (#16).

Revision ID: 1f12221f8b3f
Revises: ec4c55e044ec
Create Date: 2026-12-01 09:09:27.082257

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1f12221f8b3f'
down_revision = 'ec4c55e044ec'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('password_reset_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('issued_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['issued_by_id'], ['user.id'], name=op.f('fk_password_reset_link_issued_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_password_reset_link_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_password_reset_link')),
    sa.UniqueConstraint('digest', name=op.f('uq_password_reset_link_digest'))
    )
    with op.batch_alter_table('password_reset_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_password_reset_link_user_id'), ['user_id'], unique=False)

    op.create_table('sign_in_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('sid_digest', sa.String(length=64), nullable=False),
    sa.Column('remember_digest', sa.String(length=64), nullable=True),
    sa.Column('remember', sa.Boolean(), nullable=False),
    sa.Column('user_agent', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('end_reason', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_sign_in_session_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_session')),
    sa.UniqueConstraint('remember_digest', name=op.f('uq_sign_in_session_remember_digest')),
    sa.UniqueConstraint('sid_digest', name=op.f('uq_sign_in_session_sid_digest'))
    )
    with op.batch_alter_table('sign_in_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_session_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('security_notice', sa.String(length=300), server_default='', nullable=False))



def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('security_notice')

    with op.batch_alter_table('sign_in_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_session_user_id'))

    op.drop_table('sign_in_session')
    with op.batch_alter_table('password_reset_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_password_reset_link_user_id'))

    op.drop_table('password_reset_link')
