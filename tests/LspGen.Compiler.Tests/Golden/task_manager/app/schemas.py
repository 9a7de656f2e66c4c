
"""Pydantic v2 schemas: <Entity>Base (shared fields), Create, Update (partial) and Response."""

import datetime
import uuid

from pydantic import BaseModel, ConfigDict, Field, field_validator

# PostgreSQL INTEGER bounds: larger numbers would fail in the database instead of answering 422.
INT32_MIN = -2147483648
INT32_MAX = 2147483647


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    password: str = Field(min_length=8, max_length=72)

    @field_validator("email")
    @classmethod
    def _normalise_email(cls, value: str) -> str:
        return value.strip().lower()

    @field_validator("password")
    @classmethod
    def _fits_bcrypt(cls, value: str) -> str:
        # bcrypt only reads the first 72 bytes; a longer password would be silently truncated.
        if len(value.encode("utf-8")) > 72:
            raise ValueError("password must be at most 72 bytes in UTF-8")
        return value


class UserResponse(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    created_at: datetime.datetime


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


class ProjectBase(BaseModel):
    # Field names such as "model_number" are fine here; Pydantic would warn about its "model_" prefix.
    model_config = ConfigDict(protected_namespaces=())

    name: str = Field(..., max_length=200)
    description: str | None = Field(default=None)


class ProjectCreate(ProjectBase):
    model_config = ConfigDict(extra="forbid")


class ProjectUpdate(BaseModel):
    """Partial update: only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid", protected_namespaces=())

    name: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None)

    @field_validator("name")
    @classmethod
    def _not_null(cls, value: object) -> object:
        # Leaving a field out keeps its value; an explicit null would violate NOT NULL.
        if value is None:
            raise ValueError("this field cannot be null")
        return value


class ProjectResponse(ProjectBase):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    created_at: datetime.datetime
    updated_at: datetime.datetime


class TaskBase(BaseModel):
    # Field names such as "model_number" are fine here; Pydantic would warn about its "model_" prefix.
    model_config = ConfigDict(protected_namespaces=())

    title: str = Field(..., max_length=200)
    done: bool = Field(default=False)
    priority: int | None = Field(default=3, ge=INT32_MIN, le=INT32_MAX)
    due_at: datetime.datetime | None = Field(default=None)
    project_id: uuid.UUID = Field(...)


class TaskCreate(TaskBase):
    model_config = ConfigDict(extra="forbid")


class TaskUpdate(BaseModel):
    """Partial update: only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid", protected_namespaces=())

    title: str | None = Field(default=None, max_length=200)
    done: bool | None = Field(default=None)
    priority: int | None = Field(default=None, ge=INT32_MIN, le=INT32_MAX)
    due_at: datetime.datetime | None = Field(default=None)
    project_id: uuid.UUID | None = Field(default=None)

    @field_validator("title", "done", "project_id")
    @classmethod
    def _not_null(cls, value: object) -> object:
        # Leaving a field out keeps its value; an explicit null would violate NOT NULL.
        if value is None:
            raise ValueError("this field cannot be null")
        return value


class TaskResponse(TaskBase):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    created_at: datetime.datetime
    updated_at: datetime.datetime
