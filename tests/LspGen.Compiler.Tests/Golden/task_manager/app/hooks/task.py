"""Extension points of the Task API. This file is yours: LspGen writes it once and never overwrites it.

The router calls these functions before it writes to the database. Change the values, check
business rules (raise fastapi.HTTPException to refuse), or call other services.
"""

import uuid
from typing import Any

from sqlalchemy.orm import Session

from app import models


def before_create(db: Session, values: dict[str, Any], user_id: uuid.UUID | None) -> dict[str, Any]:
    """Return the column values of the new row."""
    return values


def before_update(db: Session, row: models.Task, values: dict[str, Any], user_id: uuid.UUID | None) -> dict[str, Any]:
    """Return the columns to change (only the fields the client sent)."""
    return values


def before_delete(db: Session, row: models.Task, user_id: uuid.UUID | None) -> None:
    """Raise an HTTPException to refuse the deletion."""
