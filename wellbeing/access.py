"""The one access model: every endpoint is declared in POLICY (wellbeing/policy_table.py) and checked here.

`guard` runs before every request: an endpoint without an entry is refused (deny by default), a public
one passes, an API one needs a bearer token, any other needs a signed-in person holding one of its
roles. Object-level checks (a member's own rows, a manager's own team) are done by `own_or_404` and
`manager/access.py` and are declared in the table too, so tests/web/test_access_matrix.py can check
every route as every kind of person.
"""
from dataclasses import dataclass

from flask import Flask, abort, g, request
from flask_login import current_user

from wellbeing.extensions import login_manager

ROLE_NOUNS = {"member": "team members", "manager": "managers", "hr": "HR", "admin": "administrators",
              "wellbeing": "the wellbeing contact"}


@dataclass(frozen=True)
class Rule:
    """Who may call one endpoint."""

    roles: tuple[str, ...] = ()  # signed in with one of these roles; () = any signed-in person
    public: bool = False  # anyone, signed in or not (a secret in the URL may still be checked by the view)
    bearer: bool = False  # the JSON API: an `Authorization: Bearer` token, never the session cookie
    owner: str | None = None  # "self": only the person's own rows (others 404); "team": the manager's team


def public() -> Rule:
    """Open to everyone: sign-in pages, support resources, health checks, static files."""
    return Rule(public=True)


def signed_in(*roles: str, owner: str | None = None) -> Rule:
    """For signed-in people holding one of `roles` (any signed-in person when none are given)."""
    return Rule(roles=roles, owner=owner)


def api(*roles: str) -> Rule:
    """For API tokens whose account holds one of `roles`."""
    return Rule(roles=roles, bearer=True)


def _needed(roles) -> str:
    return " or ".join(ROLE_NOUNS.get(r, r) for r in roles)


def check_roles(roles) -> None:
    """403, naming who the page is for, unless the signed-in person holds one of `roles`."""
    if roles and not current_user.has_role(*roles):
        abort(403, description=f"This page is for {_needed(roles)}. Ask an administrator if you need access.")


def guard():
    """Refuse the request unless POLICY lets the caller reach its endpoint."""
    from wellbeing.policy_table import POLICY
    if request.endpoint is None:  # no such URL or method: routing answers 404 / 405
        return None
    rule = POLICY.get(request.endpoint)
    if rule is None:
        abort(403, description="This page is not open to anyone yet (it has no access rule).")
    if rule.public:
        return None
    if rule.bearer:
        from wellbeing.api.auth import bearer_user
        g.api_user = bearer_user(rule.roles)
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    check_roles(rule.roles)
    return None


def register_access(app: Flask) -> None:
    """Run the guard before every request, ahead of every blueprint's own hooks."""
    app.before_request_funcs.setdefault(None, []).insert(0, guard)
