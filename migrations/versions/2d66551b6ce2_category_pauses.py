"""category pauses

Revision ID: 2d66551b6ce2
Revises: 38df4c0b2a8f
Create Date: 2026-12-01 09:36:43.686153

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2d66551b6ce2'
down_revision = '38df4c0b2a8f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('category_pause',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('end_date >= start_date', name=op.f('ck_category_pause_range_ordered')),
    sa.ForeignKeyConstraint(['category_id'], ['category.id'], name=op.f('fk_category_pause_category_id_category'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_category_pause_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_category_pause'))
    )
    with op.batch_alter_table('category_pause', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_category_pause_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('category_pause', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_category_pause_user_id'))

    op.drop_table('category_pause')
