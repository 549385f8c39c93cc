"""Object lookups for views: a missing id is a 404 page that names what was not found."""
from flask import abort

from wellbeing.extensions import db


def get_or_404(model, object_id: int):
    """The row of `model` with this id, or a 404 naming the kind of record."""
    row = db.session.get(model, object_id)
    if row is None:
        abort(404, description=f"There is no {model.__name__.lower()} with id {object_id}.")
    return row
