"""rotation: the plan as last published (what members were told), for revisions and calendar updates

Revision ID: 9cc050edffd1
Revises: 22fc70710db1
Create Date: 2026-12-01 09:09:10.351922

"""
from alembic import op
import sqlalchemy as sa


revision = '9cc050edffd1'
down_revision = '22fc70710db1'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('rotation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('published_plan', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('rotation', schema=None) as batch_op:
        batch_op.drop_column('published_plan')
