"""solve job heartbeat (an RQ worker writes it while solving, so a dead worker is noticed); indexes for the
queue (solve_job.state) and the member pages (exposure_log user_id, day)

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
        batch_op.create_index(batch_op.f('ix_solve_job_state'), ['state'], unique=False)
    with op.batch_alter_table('exposure_log', schema=None) as batch_op:
        batch_op.create_index('ix_exposure_log_user_day', ['user_id', 'day'], unique=False)



def downgrade():
    with op.batch_alter_table('exposure_log', schema=None) as batch_op:
        batch_op.drop_index('ix_exposure_log_user_day')
    with op.batch_alter_table('solve_job', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_solve_job_state'))
        batch_op.drop_column('heartbeat_at')

