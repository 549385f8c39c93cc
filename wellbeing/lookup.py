"""Object lookups for views: a missing id is a 404 page that names what was not found.

`own_or_404` is the one member-side object check: a row of someone else's is a 404 exactly like a
missing one, so nobody can tell that it exists. (Managers' team checks: manager/access.py.)
"""
from flask import abort
from flask_login import current_user
from sqlalchemy import select

from wellbeing.extensions import db


def get_or_404(model, object_id: int):
    """The row of `model` with this id, or a 404 naming the kind of record."""
    row = db.session.get(model, object_id)
    if row is None:
        abort(404, description=f"There is no {model.__name__.lower()} with id {object_id}.")
    return row


def own_or_404(model, object_id: int, *, noun: str, lock: bool = False, **where):
    """The signed-in person's own row of `model` with this id (and these column values), or a 404.

    Args:
        model: a model with a `user_id` column.
        object_id: the id from the URL.
        noun: what the 404 page calls the row ("check-in", "leave").
        lock: lock the row for the rest of the transaction (SELECT ... FOR UPDATE).
        **where: further column values the row must have (e.g. scope="api").
    """
    query = select(model).where(model.id == object_id, model.user_id == current_user.id)
    for column, value in where.items():
        query = query.where(getattr(model, column) == value)
    row = db.session.scalar(query.with_for_update() if lock else query)
    if row is None:
        abort(404, description=f"There is no {noun} with id {object_id} among yours.")
    return row
