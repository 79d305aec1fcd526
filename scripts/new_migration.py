"""Write a new Alembic migration from the difference between the schema modules and the migrations.

Usage: python scripts/new_migration.py "what it adds" 0002_parameters
"""

import sys
import tempfile
from pathlib import Path

from alembic import command

from interregime.storage.database import alembic_config, create_engine

with tempfile.TemporaryDirectory() as folder:
    engine = create_engine(f"sqlite:///{Path(folder) / 'autogen.sqlite'}")
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        command.revision(config, message=sys.argv[1], autogenerate=True, rev_id=sys.argv[2])
