"""The models and the migration history agree: what `alembic check` runs, inside the test suite.

alembic/versions is append-only: lspgen writes one new revision per schema change and never rewrites
an old one. A hand edit of app/models.py or of a revision that makes them drift fails here, in your CI
as in ours.
"""

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.database import engine
from app.models import Base

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def test_the_history_has_one_head() -> None:
    script = ScriptDirectory.from_config(Config(str(PROJECT_ROOT / "alembic.ini")))
    assert len(script.get_heads()) == 1, f"alembic/versions has several heads: {script.get_heads()}"


def test_the_models_match_the_database_at_head() -> None:
    # conftest.py upgraded the test database to head before the first test.
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == [], f"app/models.py and alembic/versions disagree: {differences}"
