"""Hypothesis drives form and API fields with wrong types, huge and negative numbers, hostile unicode,
long strings and missing fields: never a 500, and a refused request writes nothing."""
import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from tests import factories
from wellbeing.extensions import db
from wellbeing.models import ROLES, ApiToken, CheckIn, ExposureLog, Leave, Perspective, Rotation
from wellbeing.services.tokens import create_token

HOSTILE = st.text(st.characters(codec=None, categories=None), max_size=40) | st.sampled_from(
    ["\x00", "\ud800", "\u202e\u200f", "٣", "9" * 40, "-1", "1e309", "NaN", "", " ", "x" * 5000,
     date.today().isoformat(), "9999-12-31", "0001-01-01", "3000000000", "1"])
VALUE = HOSTILE | st.integers(-(2**70), 2**70).map(str)
FORM_VALUE = VALUE.filter(lambda text: not any("\ud800" <= c <= "\udfff" for c in text))  # not form-encodable
JSON_VALUE = (st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | HOSTILE
              | st.lists(st.integers(), max_size=3))
FUZZ = settings(max_examples=25, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
FORMS = [
    ("/exposures", ["category_id", "day", "minutes", "intensity", "note"], ExposureLog),
    ("/checkin", ["cheerful", "calm", "active", "rested", "interest", "note"], CheckIn),
    ("/settings/tokens", ["name"], ApiToken),  # saves with 200: the secret is shown on that response
    ("/settings/leave", ["start", "end"], Leave),
    ("/settings/perspectives", ["persp-language", "persp-region"], Perspective),
    ("/manager/rotations", ["day"], Rotation),
]


def _count(model) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def everyone(auth):
    factories.make_category(slug="violence", name="Violent content", severity=3)
    return auth.login(*ROLES, team=factories.make_team())


@pytest.mark.parametrize("url, fields, model", FORMS, ids=[f[0] for f in FORMS])
@FUZZ
@given(data=st.data())
def test_any_form_input_is_answered_without_a_500_and_refusals_write_nothing(client, everyone, url, fields,
                                                                           model, data):
    form = data.draw(st.fixed_dictionaries({}, optional={name: FORM_VALUE for name in fields}))
    before = _count(model)
    response = client.post(url, data=form)
    assert response.status_code < 500
    saved = _count(model) - before
    if model is ApiToken:
        assert saved in (0, 1)  # one token for one form, never more
    elif response.status_code != 302:  # the other forms redirect when they save
        assert saved == 0  # a refused form writes nothing


@pytest.fixture
def secret(app):
    factories.make_category(slug="violence", name="Violent content", severity=3)
    user = factories.make_user(roles=["member"])
    db.session.commit()
    return create_token(user, "fuzz")[1]


ENTRY = st.fixed_dictionaries({}, optional={name: JSON_VALUE for name in
                                            ("category", "date", "minutes", "intensity", "note", "extra")})


@FUZZ
@given(body=ENTRY | st.lists(ENTRY, max_size=4) | JSON_VALUE)
def test_any_api_body_is_answered_without_a_500_and_refusals_write_nothing(client, secret, body):
    before = _count(ExposureLog)
    response = client.post("/api/v1/exposures", data=json.dumps(body), content_type="application/json",
                           headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code < 500
    saved = _count(ExposureLog) - before
    assert saved == (len(response.get_json()["exposures"]) if response.status_code == 201 else 0)


@FUZZ
@given(since=FORM_VALUE)
def test_any_since_parameter_is_answered_without_a_500(client, secret, since):
    response = client.get("/api/v1/exposures", query_string={"since": since},
                          headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code in (200, 400)

