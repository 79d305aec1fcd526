"""parameters

Revision ID: 0002_parameters
Revises: 0001_corpus
"""

from alembic import op
import sqlalchemy as sa


revision = '0002_parameters'
down_revision = '0001_corpus'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('parameters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('parent_position', sa.Integer(), nullable=True),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('note_label', sa.Text(), server_default='', nullable=False),
    sa.Column('characteristic', sa.Text(), nullable=False),
    sa.Column('comparator', sa.String(length=8), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('low', sa.Float(), nullable=True),
    sa.Column('high', sa.Float(), nullable=True),
    sa.Column('low_inclusive', sa.Boolean(), nullable=False),
    sa.Column('high_inclusive', sa.Boolean(), nullable=False),
    sa.Column('unit', sa.String(length=80), nullable=False),
    sa.Column('si_value', sa.Float(), nullable=True),
    sa.Column('si_low', sa.Float(), nullable=True),
    sa.Column('si_high', sa.Float(), nullable=True),
    sa.Column('si_unit', sa.String(length=80), nullable=False),
    sa.Column('qualifier', sa.Text(), nullable=False),
    sa.Column('defined_term', sa.Text(), nullable=True),
    sa.Column('source_text', sa.Text(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_parameters_item_id_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parameters'))
    )
    with op.batch_alter_table('parameters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parameters_item_id'), ['item_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('parameters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_parameters_item_id'))

    op.drop_table('parameters')
