"""team membership history, frozen HR releases, period indexes

Revision ID: 22fc70710db1
Revises: 43d705b2f573
Create Date: 2026-12-01 09:00:43.791388

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '22fc70710db1'
down_revision = '43d705b2f573'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('release',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('metric', sa.String(length=20), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_release')),
    sa.UniqueConstraint('metric', 'period_start', name=op.f('uq_release_metric_period_start'))
    )
    op.create_table('released_cell',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('release_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('grp', sa.String(length=30), nullable=False),
    sa.Column('measure', sa.String(length=30), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('hidden_by', sa.String(length=14), nullable=True),
    sa.CheckConstraint("hidden_by IS NULL OR hidden_by IN ('threshold', 'dominance', 'complementary')", name=op.f('ck_released_cell_hidden_known')),
    sa.CheckConstraint('(value IS NULL) = (hidden_by IS NOT NULL)', name=op.f('ck_released_cell_hidden_has_no_value')),
    sa.ForeignKeyConstraint(['release_id'], ['release.id'], name=op.f('fk_released_cell_release_id_release'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_released_cell_team_id_team')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_released_cell'))
    )
    with op.batch_alter_table('released_cell', schema=None) as batch_op:
        batch_op.create_index('ix_released_cell_lookup', ['release_id', 'measure', 'team_id', 'grp'], unique=False)
        batch_op.create_index('ix_released_cell_team', ['team_id'], unique=False)

    op.create_table('team_membership',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.CheckConstraint('valid_to IS NULL OR valid_to > valid_from', name=op.f('ck_team_membership_range_ordered')),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_team_membership_team_id_team'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_team_membership_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_membership'))
    )
    with op.batch_alter_table('team_membership', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_membership_team_id'), ['team_id'], unique=False)
        batch_op.create_index('ix_team_membership_user_from', ['user_id', 'valid_from'], unique=False)

    with op.batch_alter_table('check_in', schema=None) as batch_op:
        batch_op.create_index('ix_check_in_created_at', ['created_at'], unique=False)

    with op.batch_alter_table('follow_up_request', schema=None) as batch_op:
        batch_op.create_index('ix_follow_up_request_created_at', ['created_at'], unique=False)

    with op.batch_alter_table('prompt', schema=None) as batch_op:
        batch_op.create_index('ix_prompt_created_at', ['created_at'], unique=False)
    _seed_memberships()


def _seed_memberships():
    """Everyone's current team becomes a membership covering all their history (nothing earlier is known)."""
    op.execute("INSERT INTO team_membership (user_id, team_id, valid_from) "
               "SELECT id, team_id, '2000-01-01' FROM \"user\" WHERE team_id IS NOT NULL")


def downgrade():
    with op.batch_alter_table('prompt', schema=None) as batch_op:
        batch_op.drop_index('ix_prompt_created_at')

    with op.batch_alter_table('follow_up_request', schema=None) as batch_op:
        batch_op.drop_index('ix_follow_up_request_created_at')

    with op.batch_alter_table('check_in', schema=None) as batch_op:
        batch_op.drop_index('ix_check_in_created_at')

    with op.batch_alter_table('team_membership', schema=None) as batch_op:
        batch_op.drop_index('ix_team_membership_user_from')
        batch_op.drop_index(batch_op.f('ix_team_membership_team_id'))

    op.drop_table('team_membership')
    with op.batch_alter_table('released_cell', schema=None) as batch_op:
        batch_op.drop_index('ix_released_cell_team')
        batch_op.drop_index('ix_released_cell_lookup')

    op.drop_table('released_cell')
    op.drop_table('release')
