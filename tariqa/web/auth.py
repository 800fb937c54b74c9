"""Who is asking, and may they: sessions (cookie), API tokens (``Authorization: Bearer``),
roles, CSRF checks on every form, and login with throttling (see :mod:`tariqa.storage.logins`).

Roles: ``viewer`` reads; ``coder`` also codes documents; ``editor`` also edits the record;
``admin`` also manages users. A session cookie is HttpOnly and SameSite=Lax; every state-
changing request made with it must carry the session's CSRF token (form field ``csrf`` or
header ``X-CSRF-Token``). Requests with an API token carry no cookie, so need no CSRF token.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from tariqa.storage import LoginLimits
from tariqa.vocab import ROLES

SESSION = "tariqa_session"
LOGIN_CSRF = "tariqa_login_csrf"
RANKS = {role: rank for rank, role in enumerate(ROLES)}  # viewer < coder < editor < admin
NEEDS = {"read": 0, "code": 1, "edit": 2, "admin": 3}

router = APIRouter()


def _store(request: Request) -> Any:
    return request.app.state.store


def current_user(request: Request) -> Any:
    """The user of the session cookie or API token (None when anonymous); memoised."""
    if hasattr(request.state, "user"):
        return request.state.user
    user, csrf, by_token = None, None, False
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        user, by_token = _store(request).token_user(header[7:].strip()), True
        if user is None:
            raise HTTPException(401, "invalid or revoked API token")
    elif token := request.cookies.get(SESSION):
        found = _store(request).session(token)
        if found:
            user, csrf = found
    request.state.user, request.state.csrf, request.state.by_token = user, csrf, by_token
    return user


def allowed(user: Any, need: str) -> bool:
    return user is not None and user.active and RANKS.get(user.role, -1) >= NEEDS[need]


def require(need: str) -> Callable[[Request], Awaitable[Any]]:
    """A dependency: the request's user may ``need`` (read, code, edit, admin); a request
    that changes something with a session cookie must carry the session's CSRF token."""

    async def check(request: Request) -> Any:
        user = current_user(request)
        if need == "read" and user is None and request.app.state.settings.anonymous_read:
            return None
        if user is None:
            raise HTTPException(401, "log in first")
        if not allowed(user, need):
            raise HTTPException(403, f"your role ({user.role}) may not do this")
        if request.method not in ("GET", "HEAD", "OPTIONS") and not request.state.by_token:
            await _check_csrf(request)
        return user

    return check


async def _check_csrf(request: Request) -> None:
    sent = request.headers.get("x-csrf-token") or await _form_field(request, "csrf")
    expected = request.state.csrf or ""
    if not expected or not hmac.compare_digest(sent, expected):
        raise HTTPException(403, "the form is out of date or forged (CSRF token missing or wrong): reload the page")


async def _form_field(request: Request, name: str) -> str:
    if not request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        return ""
    value = (await request.form()).get(name)
    return value if isinstance(value, str) else ""


Reader = Annotated[Any, Depends(require("read"))]
Coder = Annotated[Any, Depends(require("code"))]
Editor = Annotated[Any, Depends(require("edit"))]
Admin = Annotated[Any, Depends(require("admin"))]


@router.get("/login", include_in_schema=False)
def login_page(request: Request, next: str = "/") -> Response:
    """The login form."""
    token = secrets.token_urlsafe(24)
    templates = request.app.state.templates
    context = {"request": request, "csrf": token, "next": _safe_next(next), "error": None, "user": None}
    response: Response = templates.TemplateResponse(request, "login.html", context)
    _set_cookie(request, response, LOGIN_CSRF, token, 600)
    return response


@router.post("/login", include_in_schema=False)
def login(
    request: Request,
    name: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=512)],
    csrf: Annotated[str, Form(max_length=100)] = "",
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    """Log in with name and password; failures are limited per name and address and per address."""
    settings, store = request.app.state.settings, _store(request)
    if not hmac.compare_digest(csrf, request.cookies.get(LOGIN_CSRF, "")) or not csrf:
        raise HTTPException(403, "the login form is out of date or forged: reload it")
    address = request.client.host if request.client else "?"
    limits = LoginLimits(settings.login_window, settings.login_attempts, settings.login_attempts_per_address)
    attempt = store.begin_login(name, address, limits)  # counted as a failure until the password proves right
    if attempt.refused:
        wait = attempt.retry_after
        when = f"{wait} seconds" if wait < 120 else f"{-(-wait // 60)} minutes"
        raise HTTPException(429, f"too many failed logins: try again in {when}", {"Retry-After": str(wait)})
    user = store.authenticate(name, password)
    if user is None:
        templates = request.app.state.templates
        context = {
            "request": request,
            "csrf": csrf,
            "next": _safe_next(next),
            "error": "Wrong name or password.",
            "user": None,
        }
        return templates.TemplateResponse(request, "login.html", context, status_code=401)  # type: ignore[no-any-return]
    store.end_login(attempt)
    token, _ = store.start_session(user)
    response = RedirectResponse(_safe_next(next), status_code=303)
    _set_cookie(request, response, SESSION, token, 12 * 3600)
    response.delete_cookie(LOGIN_CSRF, path="/")
    return response


@router.post("/logout", include_in_schema=False)
async def logout(request: Request) -> Response:
    """End the session."""
    user = await require("read")(request)
    if user is not None and (token := request.cookies.get(SESSION)):
        _store(request).end_session(token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION, path="/")
    return response


def _set_cookie(request: Request, response: Response, name: str, value: str, seconds: int) -> None:
    secure = request.app.state.settings.secure_cookies
    response.set_cookie(name, value, max_age=seconds, httponly=True, samesite="lax", secure=secure, path="/")


def _safe_next(target: str) -> str:
    """Only a local path: never another site (open redirect) or a scheme-relative URL."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
