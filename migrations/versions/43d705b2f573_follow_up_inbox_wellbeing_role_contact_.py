"""follow-up inbox: wellbeing role, contact route, message, state

Revision ID: 43d705b2f573
Revises: 5d80d0396a68
Create Date: 2026-12-01 08:50:06.517083

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '43d705b2f573'
down_revision = '5d80d0396a68'
branch_labels = None
depends_on = None

ROLES_BEFORE = "role IN ('member', 'manager', 'hr', 'admin')"
ROLES_AFTER = "role IN ('member', 'manager', 'hr', 'admin', 'wellbeing')"


def upgrade():
    with op.batch_alter_table('follow_up_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('route', sa.String(length=10), server_default='email', nullable=False))
        batch_op.add_column(sa.Column('message', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('share_answers', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('state', sa.String(length=10), server_default='received', nullable=False))
        batch_op.add_column(sa.Column('contacted_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_follow_up_request_state'), ['state'], unique=False)
        batch_op.create_check_constraint(
            'route_known', "route IN ('email', 'phone', 'video', 'in_person')")
        batch_op.create_check_constraint('state_known', "state IN ('received', 'contacted', 'closed')")
    with op.batch_alter_table('user_role', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_user_role_role_known'), type_='check')
        batch_op.create_check_constraint('role_known', ROLES_AFTER)


def downgrade():
    op.execute("DELETE FROM user_role WHERE role = 'wellbeing'")
    with op.batch_alter_table('user_role', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_user_role_role_known'), type_='check')
        batch_op.create_check_constraint('role_known', ROLES_BEFORE)
    with op.batch_alter_table('follow_up_request', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_follow_up_request_state_known'), type_='check')
        batch_op.drop_constraint(op.f('ck_follow_up_request_route_known'), type_='check')
        batch_op.drop_index(batch_op.f('ix_follow_up_request_state'))
        batch_op.drop_column('closed_at')
        batch_op.drop_column('contacted_at')
        batch_op.drop_column('state')
        batch_op.drop_column('share_answers')
        batch_op.drop_column('message')
        batch_op.drop_column('route')
