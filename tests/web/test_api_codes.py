"""The API picks its status from the rule's code, not from the words of the message."""
import dataclasses
from datetime import date

import pytest

from tests import factories
from wellbeing.extensions import db
from wellbeing.services import exposure_rules
from wellbeing.services.tokens import create_token

TODAY = date.today()


@pytest.fixture
def secret(app):
    factories.make_category(slug="violence", name="Violent content", severity=3)
    user = factories.make_user(roles=["member"])
    db.session.commit()
    return create_token(user, "harness")[1]


def _reworded(check):
    """The same rule with every sentence it returns reworded, as a later copy edit might."""
    def wrapped(*args, **kwargs):
        found = check(*args, **kwargs)
        if isinstance(found, str):
            return "Reworded: " + found.upper()
        return found and dataclasses.replace(found, text="Reworded: " + found.text.upper())
    return wrapped


@pytest.mark.parametrize("minutes, status", [(720, 409), (0, 422)])
def test_rewording_a_rule_does_not_change_the_status(client, secret, monkeypatch, minutes, status):
    for name in ("check_day_total", "check_minutes"):
        monkeypatch.setattr(exposure_rules, name, _reworded(getattr(exposure_rules, name)))
    body = [{"category": "violence", "date": TODAY.isoformat(), "minutes": m, "intensity": 3}
            for m in (720, 720, minutes)]  # the third passes 24 hours (409) or has no minutes (422)
    response = client.post("/api/v1/exposures", json=body, headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == status
    assert response.get_json()["error"]["message"].startswith("Nothing was saved: Reworded:")


def test_a_date_rule_names_the_apis_own_field(client, secret):
    response = client.post("/api/v1/exposures", headers={"Authorization": f"Bearer {secret}"},
                           json={"category": "violence", "date": "2000-01-01", "minutes": 5, "intensity": 3})
    assert response.status_code == 422 and response.get_json()["error"]["field"] == "date"
