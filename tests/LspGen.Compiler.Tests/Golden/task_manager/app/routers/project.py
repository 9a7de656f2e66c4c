"""Project API: create, read, update, delete and list the current user's Project rows."""

import uuid
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Response, status

from app import crud, models, schemas
from app.auth import CurrentUser
from app.database import DbSession
from app.hooks import project as hooks

router = APIRouter(prefix="/projects", tags=["projects"])
Key = uuid.UUID

# Reference fields and the entity each one points at; checked on create and update.
_REFERENCES: dict[str, type[models.Base]] = {
}
_NOT_FOUND = "Project not found"


def _get_or_404(db: DbSession, id: Key, user: CurrentUser) -> models.Project:
    row = crud.get_row(db, models.Project, id, user.id)
    if row is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=_NOT_FOUND)
    return row


@router.post("", response_model=schemas.ProjectResponse, status_code=status.HTTP_201_CREATED, operation_id="create_project")
def create_project(payload: schemas.ProjectCreate, db: DbSession, user: CurrentUser) -> models.Project:
    values = hooks.before_create(db, payload.model_dump(), user.id)
    crud.check_references(db, values, _REFERENCES, user.id)
    return crud.create_row(db, models.Project, values, user.id)


@router.get("", response_model=list[schemas.ProjectResponse], operation_id="list_projects")
def list_projects(
    db: DbSession,
    user: CurrentUser,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[models.Project]:
    return crud.list_rows(db, models.Project, user.id, limit, offset)


@router.get("/{id}", response_model=schemas.ProjectResponse, operation_id="get_project")
def get_project(id: Key, db: DbSession, user: CurrentUser) -> models.Project:
    return _get_or_404(db, id, user)


@router.put("/{id}", response_model=schemas.ProjectResponse, operation_id="update_project")
def update_project(
    id: Key, payload: schemas.ProjectUpdate, db: DbSession, user: CurrentUser
) -> models.Project:
    row = _get_or_404(db, id, user)
    values = hooks.before_update(db, row, payload.model_dump(exclude_unset=True), user.id)
    crud.check_references(db, values, _REFERENCES, user.id)
    return crud.update_row(db, row, values)


@router.delete("/{id}", status_code=status.HTTP_204_NO_CONTENT, response_class=Response, operation_id="delete_project")
def delete_project(id: Key, db: DbSession, user: CurrentUser) -> Response:
    row = _get_or_404(db, id, user)
    hooks.before_delete(db, row, user.id)
    crud.delete_row(db, row)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
