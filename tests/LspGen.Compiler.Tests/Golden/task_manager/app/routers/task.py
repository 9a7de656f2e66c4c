"""Task API: create, read, update, delete and list the current user's Task rows."""

import uuid
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Response, status

from app import crud, models, schemas
from app.auth import CurrentUser
from app.database import DbSession
from app.hooks import task as hooks

router = APIRouter(prefix="/tasks", tags=["tasks"])
Key = uuid.UUID

# Reference fields and the entity each one points at; checked on create and update.
_REFERENCES: dict[str, type[models.Base]] = {
    "project_id": models.Project,
}
_NOT_FOUND = "Task not found"


def _get_or_404(db: DbSession, id: Key, user: CurrentUser) -> models.Task:
    row = crud.get_row(db, models.Task, id, user.id)
    if row is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=_NOT_FOUND)
    return row


@router.post("", response_model=schemas.TaskResponse, status_code=status.HTTP_201_CREATED, operation_id="create_task")
def create_task(payload: schemas.TaskCreate, db: DbSession, user: CurrentUser) -> models.Task:
    values = hooks.before_create(db, payload.model_dump(), user.id)
    crud.check_references(db, values, _REFERENCES, user.id)
    return crud.create_row(db, models.Task, values, user.id)


@router.get("", response_model=list[schemas.TaskResponse], operation_id="list_tasks")
def list_tasks(
    db: DbSession,
    user: CurrentUser,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[models.Task]:
    return crud.list_rows(db, models.Task, user.id, limit, offset)


@router.get("/{id}", response_model=schemas.TaskResponse, operation_id="get_task")
def get_task(id: Key, db: DbSession, user: CurrentUser) -> models.Task:
    return _get_or_404(db, id, user)


@router.put("/{id}", response_model=schemas.TaskResponse, operation_id="update_task")
def update_task(
    id: Key, payload: schemas.TaskUpdate, db: DbSession, user: CurrentUser
) -> models.Task:
    row = _get_or_404(db, id, user)
    values = hooks.before_update(db, row, payload.model_dump(exclude_unset=True), user.id)
    crud.check_references(db, values, _REFERENCES, user.id)
    return crud.update_row(db, row, values)


@router.delete("/{id}", status_code=status.HTTP_204_NO_CONTENT, response_class=Response, operation_id="delete_task")
def delete_task(id: Key, db: DbSession, user: CurrentUser) -> Response:
    row = _get_or_404(db, id, user)
    hooks.before_delete(db, row, user.id)
    crud.delete_row(db, row)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
