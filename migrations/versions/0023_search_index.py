"""Searching cases by name uses an index on PostgreSQL (issue 22).

The case search matches what was typed anywhere in a child's or adult's name, or in the case's
reference (`services.cases._matches`: lower(given name || ' ' || family name) LIKE '%words%').
Without an index PostgreSQL read the whole child and adult tables twice a page (the count and
the page of results). Trigram GIN indexes (pg_trgm, a trusted extension a database owner may
create) on exactly those expressions answer a LIKE with a wildcard at each end. SQLite has no
such index and keeps reading the tables, which suits its handful of users; nothing changes
there. The downgrade drops the indexes and leaves the extension (other things may use it).

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07 18:30:00

"""

from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

# The index, its table and its expression: the same expressions as the search's.
INDEXES = (
    ("ix_child_name_search", "child", "lower((given_name || ' ') || family_name)"),
    ("ix_adult_name_search", "adult", "lower((given_name || ' ') || family_name)"),
    ("ix_family_case_reference_search", "family_case", "lower(reference)"),
)


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, expression in INDEXES:
        op.execute(f"CREATE INDEX {name} ON {table} USING gin (({expression}) gin_trgm_ops)")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, _table, _expression in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
