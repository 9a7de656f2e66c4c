"""Fixtures for the generated tests: a PostgreSQL database migrated by Alembic, a TestClient,
user accounts, and factories that create valid rows through the API.

The database is required. When DATABASE_URL is missing or unreachable the run stops with an error;
it never skips.
"""

import datetime
import itertools
import os
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

# The tests bring their own settings so a developer's .env cannot change what they check.
os.environ["SECRET_KEY"] = "test-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"
os.environ["COOKIE_SECURE"] = "false"
os.environ["BCRYPT_ROUNDS"] = "4"
os.environ["CORS_ORIGINS"] = "http://localhost:3000"

# Every table, children first, emptied before each test.
TABLES = ["tasks", "projects", "users"]
PASSWORD = "correct horse battery staple"


def pytest_sessionstart(session: pytest.Session) -> None:
    url = os.environ.get("DATABASE_URL")
    if not url:
        pytest.exit(
            "DATABASE_URL is not set. The tests need a PostgreSQL database, e.g. "
            "DATABASE_URL=postgresql+psycopg://app:app@localhost:5432/app python -m pytest",
            returncode=3,
        )
    from app.database import engine

    try:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except Exception as error:  # any driver error means the same thing here
        pytest.exit(
            f"Cannot reach the database in DATABASE_URL ({engine.url.render_as_string(hide_password=True)}): {error}",
            returncode=3,
        )

    from alembic import command
    from alembic.config import Config

    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")


# Parent rows reused within one test, per account and entity, so building a row creates each
# ancestor once instead of once per path to it (deep reference graphs would grow exponentially).
_parents: dict[tuple[str, str], dict[str, Any]] = {}


@pytest.fixture(autouse=True)
def clean_tables() -> Iterator[None]:
    from app.database import engine

    _parents.clear()
    # DELETE, children first, is much faster than TRUNCATE on small tables (TRUNCATE rewrites files).
    with engine.begin() as connection:
        for name in TABLES:
            connection.execute(sa.text(f'DELETE FROM "{name}"'))
    yield


@pytest.fixture
def client() -> Iterator[TestClient]:
    from app.main import app

    with TestClient(app) as test_client:
        yield test_client


@dataclass
class Account:
    email: str | None
    id: str | None
    headers: dict[str, str] = field(default_factory=dict)


_accounts = itertools.count(1)


def register(client: TestClient) -> Account:
    """A new user, logged in; requests carry its token in the Authorization header."""
    email = f"user{next(_accounts)}@example.com"
    registered = client.post("/auth/register", json={"email": email, "password": PASSWORD})
    assert registered.status_code == 201, registered.text
    login = client.post("/auth/login", data={"username": email, "password": PASSWORD})
    assert login.status_code == 200, login.text
    # Login also sets a cookie; clear it so each request is authenticated only by its own header.
    client.cookies.clear()
    return Account(email=email, id=registered.json()["id"], headers={"Authorization": f"Bearer {login.json()['access_token']}"})


@pytest.fixture
def account(client: TestClient) -> Account:
    return register(client)


@pytest.fixture
def other_account(client: TestClient) -> Account:
    return register(client)


# Sample values: deterministic, distinct on every call (so unique columns never collide).
_samples = itertools.count(1)


def sample_string(max_length: int) -> str:
    return (format(next(_samples), "x") + "-sample-value")[:max_length]


def sample_text() -> str:
    return f"Sample text {next(_samples)}\nwith a second line and non-ASCII: \u00e9\u00e8"


def sample_integer() -> int:
    return next(_samples)


def sample_float() -> float:
    return next(_samples) + 0.25


def sample_boolean() -> bool:
    return next(_samples) % 2 == 0


def sample_datetime() -> datetime.datetime:
    return datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(minutes=next(_samples))


def sample_uuid() -> uuid.UUID:
    return uuid.UUID(int=next(_samples))


def parent(module: str, client: TestClient, account: Account) -> dict[str, Any]:
    """A row of entity `module` owned by `account`, created on first use in a test."""
    cache_key = (account.id or "", module)
    if cache_key not in _parents:
        _parents[cache_key] = globals()[f"make_{module}"](client, account)
    return _parents[cache_key]


def key(value: Any) -> Any:
    """A primary key from a JSON response as Python value (UUID keys arrive as strings)."""
    return uuid.UUID(value) if isinstance(value, str) else value


def jsonable(values: dict[str, Any]) -> dict[str, Any]:
    def convert(value: Any) -> Any:
        if isinstance(value, uuid.UUID):
            return str(value)
        if isinstance(value, datetime.datetime):
            return value.isoformat()
        return value

    return {name: convert(value) for name, value in values.items()}


def same(expected: Any, actual: Any) -> bool:
    """Compare a sent value with the value the API returned (datetimes and floats by value)."""
    if isinstance(expected, uuid.UUID):
        return str(expected) == actual
    if isinstance(expected, datetime.datetime):
        return actual is not None and datetime.datetime.fromisoformat(actual) == expected
    if isinstance(expected, float) and not isinstance(expected, bool):
        return actual is not None and abs(float(actual) - expected) < 1e-9
    return expected == actual


def project_payload(client: TestClient, account: Account) -> dict[str, Any]:
    """Valid values for a new Project (parents are created first)."""
    return {
        "name": sample_string(200),
        "description": sample_text(),
    }


def make_project(client: TestClient, account: Account) -> dict[str, Any]:
    response = client.post("/projects", json=jsonable(project_payload(client, account)), headers=account.headers)
    assert response.status_code == 201, response.text
    return response.json()


def task_payload(client: TestClient, account: Account) -> dict[str, Any]:
    """Valid values for a new Task (parents are created first)."""
    return {
        "title": sample_string(200),
        "done": sample_boolean(),
        "priority": sample_integer(),
        "due_at": sample_datetime(),
        "project_id": key(parent("project", client, account)["id"]),
    }


def make_task(client: TestClient, account: Account) -> dict[str, Any]:
    response = client.post("/tasks", json=jsonable(task_payload(client, account)), headers=account.headers)
    assert response.status_code == 201, response.text
    return response.json()
