"""Persistence of the corpus and the workspace: SQLAlchemy 2 Core tables, Alembic migrations."""
