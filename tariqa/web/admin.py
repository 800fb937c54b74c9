"""Accounts, managed by admins in the browser (the same operations as ``tariqa users``).

API tokens are listed by label, creation and last use, never by value or digest; revoking
one names the token by id *and* its user, and is logged with the admin who did it."""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from tariqa.errors import TariqaError
from tariqa.vocab import ROLES
from tariqa.web.auth import Admin
from tariqa.web.pages import page, render, store_of

router = APIRouter()
audit = logging.getLogger("tariqa.web.audit")


@page(router, "/admin/users", "users.html", "The accounts and their roles (admins only)", "admin")
def users(request: Request, user: Admin) -> dict[str, Any]:
    store = store_of(request)
    accounts = [
        {"name": u.name, "role": u.role, "active": u.active, "created": u.created}
        | {"tokens": [vars(k) for k in store.api_tokens(u)]}
        for u in store.users()
    ]
    return {"users": accounts, "roles": list(ROLES)}


def _done(request: Request, user: Any, action: Any) -> Response:
    """Run ``action``; on a user error show the page again with the message (nothing changed)."""
    try:
        action()
    except TariqaError as exc:
        data = users(request=request, user=user) | {"error": str(exc)}
        return render(request, "users.html", data, status=422)
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users", include_in_schema=False)
def add(
    request: Request,
    user: Admin,
    name: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    role: Annotated[str, Form(max_length=16)] = "viewer",
) -> Response:
    """Add an account."""
    return _done(request, user, lambda: store_of(request).add_user(name, password, role))


@router.post("/admin/users/{name}/role", include_in_schema=False)
def set_role(request: Request, user: Admin, name: str, role: Annotated[str, Form(max_length=16)]) -> Response:
    """Give an account another role."""
    return _done(request, user, lambda: store_of(request).set_role(name, role))


@router.post("/admin/users/{name}/disable", include_in_schema=False)
def disable(request: Request, user: Admin, name: str) -> Response:
    """Disable an account: its sessions end and its API tokens are revoked."""
    return _done(request, user, lambda: store_of(request).disable_user(name))


@router.post("/admin/users/{name}/enable", include_in_schema=False)
def enable(request: Request, user: Admin, name: str) -> Response:
    """Let a disabled account log in again."""
    return _done(request, user, lambda: store_of(request).enable_user(name))


@router.post("/admin/users/{name}/tokens/{token_id}/revoke", include_in_schema=False)
def revoke_token(request: Request, user: Admin, name: str, token_id: int) -> Response:
    """Revoke one of an account's API tokens."""

    def revoke() -> None:
        store = store_of(request)
        gone = store.revoke_api_token(store.user(name), token_id)
        audit.info("%s revoked the API token %r (id %d) of %s", user.name, gone.label, gone.id, name)

    return _done(request, user, revoke)
