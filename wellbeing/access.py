"""The one role check every protected view goes through."""
from functools import wraps

from flask import abort
from flask_login import current_user, login_required

ROLE_NOUNS = {"member": "team members", "manager": "managers", "hr": "HR", "admin": "administrators",
              "wellbeing": "the wellbeing contact"}


def role_required(*roles: str):
    """Allow a view only to signed-in users holding one of `roles`; others get a 403 naming them."""
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not current_user.has_role(*roles):
                needed = " or ".join(ROLE_NOUNS[r] for r in roles)
                abort(403, description=f"This page is for {needed}. Ask an administrator if you need access.")
            return view(*args, **kwargs)
        wrapped.required_roles = roles
        return wrapped
    return decorator
