"""The schema revision this version writes, as a plain constant: no SQLAlchemy and no Alembic import, so
the window's first paint can check a database's revision before anything heavy is imported. Kept equal
to the newest script in migrations/versions (tests/test_migrations.py checks it)."""

HEAD_REVISION = "0006"
