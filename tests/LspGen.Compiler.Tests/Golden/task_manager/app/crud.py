"""Database operations shared by every entity router.

Every query is scoped to the owner (the current user): a row of another user is indistinguishable
from a missing row, so the API answers 404 and never reveals that it exists.
"""

import uuid
from typing import Any, TypeVar

import sqlalchemy as sa
from fastapi import HTTPException, status
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from app.models import Base

ModelT = TypeVar("ModelT", bound=Base)

_UNIQUE_VIOLATION = "23505"
_FOREIGN_KEY_VIOLATION = "23503"


def _primary_key(model: type[Base]) -> Any:
    return sa.inspect(model).primary_key[0]


def get_row(db: Session, model: type[ModelT], key: Any, owner_id: uuid.UUID) -> ModelT | None:
    statement = sa.select(model).where(_primary_key(model) == key, model.user_id == owner_id)
    return db.scalars(statement).one_or_none()


def list_rows(db: Session, model: type[ModelT], owner_id: uuid.UUID, limit: int, offset: int) -> list[ModelT]:
    # created_at alone is not unique; the key makes the order total, so pages never overlap.
    statement = (
        sa.select(model)
        .where(model.user_id == owner_id)
        .order_by(model.created_at, _primary_key(model))
        .limit(limit)
        .offset(offset)
    )
    return list(db.scalars(statement))


def check_references(
    db: Session, values: dict[str, Any], references: dict[str, type[Base]], owner_id: uuid.UUID
) -> None:
    """Reject a reference to a row that does not exist or belongs to another user."""
    for field, target in references.items():
        key = values.get(field)
        if key is not None and get_row(db, target, key, owner_id) is None:
            raise HTTPException(
                status_code=status.HTTP_422_UNPROCESSABLE_ENTITY,
                detail=[
                    {
                        "type": "reference_not_found",
                        "loc": ["body", field],
                        "msg": f"{field}: no {target.__name__} with this id exists for the current user",
                        "input": str(key),
                    }
                ],
            )


def create_row(db: Session, model: type[ModelT], values: dict[str, Any], owner_id: uuid.UUID) -> ModelT:
    row = model(**values, user_id=owner_id)
    db.add(row)
    _commit(db)
    db.refresh(row)
    return row


def update_row(db: Session, row: ModelT, values: dict[str, Any]) -> ModelT:
    for name, value in values.items():
        setattr(row, name, value)
    _commit(db)
    db.refresh(row)
    return row


def delete_row(db: Session, row: Base) -> None:
    db.delete(row)
    _commit(db)


def _commit(db: Session) -> None:
    try:
        db.commit()
    except IntegrityError as error:
        db.rollback()
        raise HTTPException(status_code=status.HTTP_409_CONFLICT, detail=_conflict_message(error)) from error
    except DataError as error:
        # e.g. a NUL character in a text value, which PostgreSQL cannot store
        db.rollback()
        raise HTTPException(
            status_code=status.HTTP_422_UNPROCESSABLE_ENTITY, detail="A value cannot be stored by the database."
        ) from error


def _conflict_message(error: IntegrityError) -> str:
    code = getattr(error.orig, "sqlstate", None)
    diag = getattr(error.orig, "diag", None)
    constraint = getattr(diag, "constraint_name", None) or "unknown"
    if code == _UNIQUE_VIOLATION:
        return f"A row with the same value already exists (constraint {constraint})."
    if code == _FOREIGN_KEY_VIOLATION:
        return f"The row is still referenced by other rows or refers to a missing row (constraint {constraint})."
    return f"The change violates a database constraint ({constraint})."
