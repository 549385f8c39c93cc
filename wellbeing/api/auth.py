"""Bearer-token authentication for the API (the access guard calls it for `api(...)` endpoints)."""
from flask import request

from wellbeing.access import ROLE_NOUNS
from wellbeing.api.errors import ApiError
from wellbeing.services.tokens import authenticate


def bearer_user(roles):
    """The account behind the request's API token (401 without a live one; 403 without one of `roles`)."""
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret:
        raise ApiError(401, "Send an API token as 'Authorization: Bearer <token>'.")
    user = authenticate(secret.strip())
    if user is None:
        raise ApiError(401, "This API token is unknown or revoked.")
    if roles and not user.has_role(*roles):
        needed = " or ".join(ROLE_NOUNS.get(r, r) for r in roles)
        raise ApiError(403, f"Only {needed} may use this; this token's account does not have that role.")
    return user
