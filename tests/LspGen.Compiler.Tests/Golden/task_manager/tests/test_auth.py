"""Authentication: register, login (form data, JSON token and httpOnly cookie), me, logout, settings."""

import datetime
import os

import jwt
import pytest
from conftest import PASSWORD, Account
from fastapi.testclient import TestClient
from pydantic import ValidationError


def test_register_login_me_logout(client: TestClient) -> None:
    registered = client.post("/auth/register", json={"email": "Alice@Example.com", "password": PASSWORD})
    assert registered.status_code == 201, registered.text
    assert registered.json()["email"] == "alice@example.com"
    assert "password" not in registered.text and "password_hash" not in registered.text

    login = client.post("/auth/login", data={"username": "alice@example.com", "password": PASSWORD})
    assert login.status_code == 200, login.text
    token = login.json()["access_token"]
    assert login.json()["token_type"] == "bearer"
    cookie = login.headers["set-cookie"].lower()
    assert "access_token=" in cookie and "httponly" in cookie

    # The cookie alone authenticates (browsers) ...
    me = client.get("/auth/me")
    assert me.status_code == 200, me.text
    assert me.json()["email"] == "alice@example.com"
    # ... and so does the Bearer header alone (API clients, Swagger UI).
    client.cookies.clear()
    assert client.get("/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200

    client.post("/auth/login", data={"username": "alice@example.com", "password": PASSWORD})
    logout = client.post("/auth/logout")
    assert logout.status_code == 204
    assert client.get("/auth/me").status_code == 401


def test_register_rejects_duplicates_and_weak_passwords(client: TestClient, account: Account) -> None:
    duplicate = client.post("/auth/register", json={"email": account.email, "password": PASSWORD})
    assert duplicate.status_code == 409
    assert client.post("/auth/register", json={"email": "bob@example.com", "password": "short"}).status_code == 422
    assert client.post("/auth/register", json={"email": "not-an-email", "password": PASSWORD}).status_code == 422


def test_login_rejects_wrong_credentials(client: TestClient, account: Account) -> None:
    assert client.post("/auth/login", data={"username": account.email, "password": "wrong password"}).status_code == 401
    assert client.post("/auth/login", data={"username": "nobody@example.com", "password": PASSWORD}).status_code == 401


def test_me_requires_a_valid_token(client: TestClient, account: Account) -> None:
    assert client.get("/auth/me").status_code == 401
    assert client.get("/auth/me", headers={"Authorization": "Bearer garbage"}).status_code == 401
    expired = jwt.encode(
        {"sub": account.id, "exp": datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)},
        os.environ["SECRET_KEY"],
        algorithm="HS256",
    )
    assert client.get("/auth/me", headers={"Authorization": f"Bearer {expired}"}).status_code == 401
    forged = jwt.encode(
        {"sub": account.id, "exp": datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=5)},
        "another-secret-key-that-is-long-enough-0123456789",
        algorithm="HS256",
    )
    assert client.get("/auth/me", headers={"Authorization": f"Bearer {forged}"}).status_code == 401
    assert client.get("/auth/me", headers=account.headers).status_code == 200


def test_health_and_ready(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok"}
    ready = client.get("/ready")
    assert ready.status_code == 200, ready.text


@pytest.mark.parametrize(
    "secret_key",
    ["", "change-me", "changeme-please-0123456789-0123456789", "too-short-but-not-a-placeholder"],
)
def test_settings_refuse_missing_or_placeholder_secret_key(secret_key: str) -> None:
    from app.config import Settings

    with pytest.raises(ValidationError):
        Settings(DATABASE_URL="postgresql://localhost/x", SECRET_KEY=secret_key)


def test_settings_refuse_wildcard_cors_origin() -> None:
    from app.config import Settings

    with pytest.raises(ValidationError):
        Settings(DATABASE_URL="postgresql://localhost/x", SECRET_KEY="k" * 40, CORS_ORIGINS="*")


def test_settings_use_psycopg3_driver() -> None:
    from app.config import Settings

    settings = Settings(DATABASE_URL="postgresql://u:p@db:5432/app", SECRET_KEY="k" * 40)
    assert settings.DATABASE_URL == "postgresql+psycopg://u:p@db:5432/app"
