"""The FastAPI application: routers, CORS, liveness (/health) and readiness (/ready)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import sqlalchemy as sa
from fastapi import FastAPI, status
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError

from app import auth
from app.config import get_settings
from app.database import SessionLocal, engine
from app.routers import project as project_router
from app.routers import task as task_router

# Read at import so a missing or placeholder SECRET_KEY stops the process before it serves anything.
settings = get_settings()


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    yield
    engine.dispose()


app = FastAPI(
    title="Task Manager",
    description="Tracks projects and their tasks",
    version="1.0.0",
    lifespan=lifespan,
)
app.add_middleware(
    CORSMiddleware,
    allow_origins=settings.cors_origins,
    allow_credentials=True,
    allow_methods=["GET", "POST", "PUT", "DELETE", "OPTIONS"],
    allow_headers=["Authorization", "Content-Type"],
)
app.include_router(auth.router)
app.include_router(project_router.router)
app.include_router(task_router.router)


@app.get("/health", tags=["health"], operation_id="health")
def health() -> dict[str, str]:
    """Liveness: the process is up (does not touch the database)."""
    return {"status": "ok"}


@app.get(
    "/ready",
    tags=["health"],
    operation_id="ready",
    responses={503: {"description": "The database is unreachable"}},
)
def ready() -> JSONResponse:
    """Readiness: the database answers SELECT 1."""
    try:
        with SessionLocal() as session:
            session.execute(sa.text("SELECT 1"))
    except SQLAlchemyError:
        return JSONResponse(status_code=status.HTTP_503_SERVICE_UNAVAILABLE, content={"status": "unavailable"})
    return JSONResponse(content={"status": "ready"})
