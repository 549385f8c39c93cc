"""Schemathesis against the app's own OpenAPI document on a live server, every check on, a small fixed
budget: no server error, no response outside the schema, no valid request refused, no invalid one
accepted, a 405 with its Allow header, and no partial write (what was saved is what the 201s said)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.live_server import live_backends, live_server
from wellbeing.extensions import db
from wellbeing.models import CategoryChoice, ExposureLog
from wellbeing.services.tokens import create_token

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
MAX_EXAMPLES = "20"


def _member_token(app) -> str:
    """A member opted in to every category, so every category the document lists is theirs to log."""
    with app.app_context():
        factories.make_category(slug="violence", name="Violent content", severity=3)
        child = factories.make_category(slug="child_safety", name="Child safety", severity=4, requires_opt_in=True)
        user = factories.make_user(roles=["member"])
        db.session.add(CategoryChoice(user_id=user.id, category_id=child.id, consent="opted_in"))
        db.session.commit()
        return create_token(user, "schemathesis")[1]


def _saved_by_201s(har: Path) -> int:
    """How many sessions the server said it logged: every 201 of POST /exposures, and every timer stop
    that answered with the exposure it logged."""
    entries = json.loads(har.read_text())["log"]["entries"]
    saved = 0
    for e in entries:
        if 200 <= e["response"]["status"] < 300 and e["request"]["method"] == "POST":
            body = json.loads(e["response"]["content"]["text"])
            saved += len(body.get("exposures", [])) + (1 if body.get("exposure") else 0)
    return saved


@pytest.mark.parametrize("backend", live_backends())
def test_the_api_does_exactly_what_its_document_says(backend, tmp_path):
    with live_server(backend, tmp_path) as (app, base):
        secret = _member_token(app)
        har = tmp_path / "run.har"
        run = subprocess.run([str(SCHEMATHESIS), "run", f"{base}/api/v1/openapi.json", "--checks", "all",
                              "--max-examples", MAX_EXAMPLES, "--generation-deterministic", "--request-timeout", "300",
                              "--header", f"Authorization: Bearer {secret}", "--report", "har",
                              "--report-har-path", str(har)],
                             capture_output=True, text=True, timeout=600, cwd=tmp_path)
        assert run.returncode == 0, run.stdout[-6000:]
        with app.app_context():
            saved = db.session.scalar(select(func.count()).select_from(ExposureLog))
            day_totals = db.session.scalars(select(func.sum(ExposureLog.minutes)).group_by(ExposureLog.day)).all()
    assert saved == _saved_by_201s(har) > 0
    assert max(day_totals) <= 24 * 60
