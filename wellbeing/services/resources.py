"""The support-resource directory: ordering it for a reader, and the admin's changes to it."""
from sqlalchemy import select

from wellbeing.extensions import db
from wellbeing.instruments import Threshold
from wellbeing.models import Resource
from wellbeing.services.audit import record


def ordered() -> list[Resource]:
    """Every resource in the order the admin set."""
    return list(db.session.scalars(select(Resource).order_by(Resource.position, Resource.title, Resource.id)))


def for_threshold(threshold: Threshold | None) -> list[Resource]:
    """Every resource, with the kinds a score band asks for (crisis lines for the lowest) first."""
    rows = ordered()
    first = threshold.resources_first if threshold else ()
    return sorted(rows, key=lambda r: first.index(r.kind) if r.kind in first else len(first))


def save_resource(actor, resource: Resource, fields: dict) -> Resource:
    """Create or change a resource, and audit it."""
    for key, value in fields.items():
        setattr(resource, key, value)
    if resource.id is None:
        db.session.add(resource)
    db.session.flush()
    record(actor, "resource.save", resource, f"kind={resource.kind}, placeholder={resource.is_placeholder}")
    db.session.commit()
    return resource


def delete_resource(actor, resource: Resource) -> None:
    """Remove a resource from the directory, and audit it."""
    record(actor, "resource.delete", resource, f"kind={resource.kind}, title={resource.title}")
    db.session.delete(resource)
    db.session.commit()
