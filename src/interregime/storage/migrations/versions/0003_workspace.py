"""consensus workspace

Revision ID: 0003_workspace
Revises: 0002_parameters
"""

import sqlalchemy as sa
from alembic import op

revision = '0003_workspace'
down_revision = '0002_parameters'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('coordination_topics',
    sa.Column('id', sa.String(length=60), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('technology', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coordination_topics'))
    )
    op.create_table('proposals',
    sa.Column('id', sa.String(length=60), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('regime', sa.String(length=8), nullable=False),
    sa.Column('technology', sa.Text(), nullable=False),
    sa.Column('created', sa.Date(), nullable=False),
    sa.Column('originating_states', sa.JSON(), nullable=False),
    sa.Column('topic_id', sa.String(length=60), nullable=True),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['topic_id'], ['coordination_topics.id'], name=op.f('fk_proposals_topic_id_coordination_topics')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposals'))
    )
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposals_topic_id'), ['topic_id'], unique=False)

    op.create_table('proposal_positions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.String(length=60), nullable=False),
    sa.Column('state_code', sa.String(length=8), nullable=False),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_positions_proposal_id_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_positions'))
    )
    with op.batch_alter_table('proposal_positions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_positions_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('proposal_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.String(length=60), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('list_entries', sa.JSON(), nullable=False),
    sa.Column('parameters', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_versions_proposal_id_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_versions')),
    sa.UniqueConstraint('proposal_id', 'number', name='uq_proposal_versions_proposal_number')
    )
    op.create_table('stage_transitions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.String(length=60), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('from_stage', sa.String(length=20), nullable=False),
    sa.Column('to_stage', sa.String(length=20), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.Column('parameters', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_stage_transitions_proposal_id_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stage_transitions')),
    sa.UniqueConstraint('proposal_id', 'sequence', name='uq_stage_transitions_proposal_sequence')
    )


def downgrade() -> None:
    op.drop_table('stage_transitions')
    op.drop_table('proposal_versions')
    with op.batch_alter_table('proposal_positions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_positions_proposal_id'))

    op.drop_table('proposal_positions')
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposals_topic_id'))

    op.drop_table('proposals')
    op.drop_table('coordination_topics')
