"""The OpenAPI document as served: the stored file, with what only the live data knows filled in
(the categories that exist, the dates a session may have today), so a client generated from it
sends only what the server accepts, or is refused for a reason the document gives."""
import json
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from wellbeing.extensions import db
from wellbeing.models import Category
from wellbeing.services.exposure_rules import MAX_AGE_DAYS

OPENAPI = Path(__file__).with_name("openapi.json")


def live_document(today: date) -> dict:
    """The document with today's category taxonomy and date window as enums."""
    document = json.loads(OPENAPI.read_text())
    schemas = document["components"]["schemas"]
    new = schemas["NewExposure"]["properties"]
    categories = db.session.scalars(select(Category).order_by(Category.slug)).all()
    if categories:
        opt_in = [c.slug for c in categories if c.requires_opt_in]
        for field in (new["category"], schemas["NewSession"]["properties"]["category"]):
            field["enum"] = [c.slug for c in categories]
            if opt_in:
                field["description"] += (f". Opt-in only: {', '.join(opt_in)} (422 unless you have opted in "
                                         "on the settings page)")
    new["date"]["enum"] = [(today - timedelta(days=n)).isoformat() for n in range(MAX_AGE_DAYS + 1)]
    return document
