"""solve job heartbeat: an RQ worker writes it while solving, so a dead worker is noticed

Revision ID: 6ea2b85b7c77
Revises: 1f12221f8b3f
Create Date: 2026-12-01 09:16:35.125793

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6ea2b85b7c77'
down_revision = '1f12221f8b3f'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('solve_job', schema=None) as batch_op:
        batch_op.add_column(sa.Column('heartbeat_at', sa.DateTime(timezone=True), nullable=True))



def downgrade():
    with op.batch_alter_table('solve_job', schema=None) as batch_op:
        batch_op.drop_column('heartbeat_at')

