"""Authentication: registration, login (JWT access token), logout and the current user.

The token is accepted as an httpOnly cookie (browsers) and as a Bearer header (API clients and the
Swagger UI "Authorize" button, which posts form data to /auth/login).
"""

import datetime
import uuid
from typing import Annotated

import bcrypt
import jwt
import sqlalchemy as sa
from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm

from app import models, schemas
from app.config import get_settings
from app.database import DbSession

COOKIE_NAME = "access_token"
_ALGORITHM = "HS256"

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/login", auto_error=False)
router = APIRouter(prefix="/auth", tags=["auth"])


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=get_settings().BCRYPT_ROUNDS)).decode("ascii")


def verify_password(password: str, password_hash: str) -> bool:
    return bcrypt.checkpw(password.encode("utf-8"), password_hash.encode("ascii"))


def create_access_token(user_id: uuid.UUID) -> str:
    settings = get_settings()
    now = datetime.datetime.now(datetime.timezone.utc)
    claims = {
        "sub": str(user_id),
        "iat": now,
        "exp": now + datetime.timedelta(minutes=settings.ACCESS_TOKEN_EXPIRE_MINUTES),
    }
    return jwt.encode(claims, settings.SECRET_KEY, algorithm=_ALGORITHM)


def _unauthorized(detail: str = "Not authenticated") -> HTTPException:
    return HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail=detail, headers={"WWW-Authenticate": "Bearer"})


def get_current_user(
    request: Request, db: DbSession, bearer_token: Annotated[str | None, Depends(oauth2_scheme)]
) -> models.User:
    token = bearer_token or request.cookies.get(COOKIE_NAME)
    if not token:
        raise _unauthorized()
    try:
        claims = jwt.decode(
            token, get_settings().SECRET_KEY, algorithms=[_ALGORITHM], options={"require": ["exp", "sub"]}
        )
        user_id = uuid.UUID(claims["sub"])
    except (jwt.InvalidTokenError, ValueError):
        raise _unauthorized("Invalid or expired token") from None
    user = db.get(models.User, user_id)
    if user is None:
        raise _unauthorized("Invalid or expired token")
    return user


CurrentUser = Annotated[models.User, Depends(get_current_user)]


@router.post("/register", response_model=schemas.UserResponse, status_code=status.HTTP_201_CREATED, operation_id="register")
def register(payload: schemas.UserCreate, db: DbSession) -> models.User:
    if db.scalars(sa.select(models.User).where(models.User.email == payload.email)).first() is not None:
        raise HTTPException(status_code=status.HTTP_409_CONFLICT, detail="This email is already registered")
    user = models.User(email=payload.email, password_hash=hash_password(payload.password))
    db.add(user)
    db.commit()
    db.refresh(user)
    return user


@router.post("/login", response_model=schemas.Token, operation_id="login")
def login(form: Annotated[OAuth2PasswordRequestForm, Depends()], response: Response, db: DbSession) -> schemas.Token:
    """Form fields `username` (the email) and `password`, as OAuth2 and the Swagger UI send them."""
    email = form.username.strip().lower()
    user = db.scalars(sa.select(models.User).where(models.User.email == email)).first()
    if user is None or not verify_password(form.password, user.password_hash):
        raise _unauthorized("Incorrect email or password")
    settings = get_settings()
    token = create_access_token(user.id)
    response.set_cookie(
        COOKIE_NAME,
        token,
        max_age=settings.ACCESS_TOKEN_EXPIRE_MINUTES * 60,
        httponly=True,
        secure=settings.COOKIE_SECURE,
        samesite="lax",
    )
    return schemas.Token(access_token=token)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT, response_class=Response, operation_id="logout")
def logout() -> Response:
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    response.delete_cookie(COOKIE_NAME, httponly=True, secure=get_settings().COOKIE_SECURE, samesite="lax")
    return response


@router.get("/me", response_model=schemas.UserResponse, operation_id="me")
def me(user: CurrentUser) -> models.User:
    return user
