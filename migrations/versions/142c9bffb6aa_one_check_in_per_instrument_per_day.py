"""one check-in per instrument per day

Revision ID: 142c9bffb6aa
Revises: 9cc050edffd1
Create Date: 2026-12-01 08:57:31.826733

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '142c9bffb6aa'
down_revision = '9cc050edffd1'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('check_in', schema=None) as batch_op:
        batch_op.add_column(sa.Column('day', sa.Date(), nullable=True))
    bind = op.get_bind()
    if bind.dialect.name == 'postgresql':
        op.execute("UPDATE check_in SET day = CAST(created_at AT TIME ZONE 'UTC' AS date)")
    else:
        op.execute("UPDATE check_in SET day = date(created_at)")
    # Several check-ins of one instrument on one day were the defect this revision ends (they
    # distorted trends); the latest of each day is the one the member meant, so it is kept.
    op.execute("DELETE FROM check_in WHERE id NOT IN "
               "(SELECT keep FROM (SELECT MAX(id) AS keep FROM check_in GROUP BY user_id, instrument, day) AS latest)")
    with op.batch_alter_table('check_in', schema=None) as batch_op:
        batch_op.alter_column('day', existing_type=sa.Date(), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_check_in_user_id_instrument_day'),
                                          ['user_id', 'instrument', 'day'])


def downgrade():
    with op.batch_alter_table('check_in', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_check_in_user_id_instrument_day'), type_='unique')
        batch_op.drop_column('day')
