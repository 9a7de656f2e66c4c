"""Settings from the environment (and a local .env file), validated at startup.

The app refuses to start without a real SECRET_KEY: an empty, short or placeholder key would let
anyone forge access tokens.
"""

from functools import lru_cache

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Values that show up in tutorials and .env templates; none of them may sign real tokens.
_PLACEHOLDER_KEYS = {"change-me", "changeme", "secret", "your-secret-key", "replace-me"}
_MIN_SECRET_KEY_LENGTH = 32


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    DATABASE_URL: str
    SECRET_KEY: str
    ACCESS_TOKEN_EXPIRE_MINUTES: int = 30
    # Comma-separated list of allowed browser origins, e.g. "http://localhost:3000,https://app.example.com".
    CORS_ORIGINS: str = ""
    # Send the auth cookie only over HTTPS; set to false for local development over plain HTTP.
    COOKIE_SECURE: bool = True
    # bcrypt work factor; tests lower it to stay fast.
    BCRYPT_ROUNDS: int = Field(default=12, ge=4, le=31)
    # Slack: notify a channel when a task is done
    SLACK_API_KEY: str = ""

    @field_validator("DATABASE_URL")
    @classmethod
    def _use_psycopg3(cls, value: str) -> str:
        # A plain postgresql:// URL would select psycopg2; the project is built on psycopg 3.
        for prefix in ("postgresql://", "postgres://"):
            if value.startswith(prefix):
                return "postgresql+psycopg://" + value[len(prefix):]
        return value

    @field_validator("SECRET_KEY")
    @classmethod
    def _real_secret(cls, value: str) -> str:
        if value.strip().lower() in _PLACEHOLDER_KEYS or value.lower().startswith("change"):
            raise ValueError("SECRET_KEY is a placeholder; generate one with: python -c \"import secrets; print(secrets.token_urlsafe(48))\"")
        if len(value) < _MIN_SECRET_KEY_LENGTH:
            raise ValueError(f"SECRET_KEY must be at least {_MIN_SECRET_KEY_LENGTH} characters long")
        return value

    @field_validator("CORS_ORIGINS")
    @classmethod
    def _no_wildcard(cls, value: str) -> str:
        # Credentials (the auth cookie) are allowed, and browsers must never send them to any origin.
        if "*" in value:
            raise ValueError("CORS_ORIGINS must list explicit origins; '*' is not allowed with credentials")
        return value

    @property
    def cors_origins(self) -> list[str]:
        return [origin.strip() for origin in self.CORS_ORIGINS.split(",") if origin.strip()]


@lru_cache
def get_settings() -> Settings:
    return Settings()
