"""My data: the export holds all of the member's own data and nobody else's; deletion erases it all."""
import csv
import io
from datetime import date

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.checkin_factories import make_checkin, make_follow_up, make_log, make_prompt, make_token
from wellbeing.extensions import db
from wellbeing.models import (Assignment, AuditEntry, CategoryChoice, CheckIn, ExposureLog, FollowUpRequest, Leave,
                              Perspective, Prompt, Rotation, Shift, User, UserRole)
from wellbeing.services.mydata import SECTIONS, owned_models

NAMED = {ExposureLog, CheckIn, Prompt, FollowUpRequest, Perspective, CategoryChoice, Leave, Assignment, UserRole}


def _fill(user, tag: str, category) -> None:
    """One row of every kind for `user`, with `tag` in the free text."""
    db.session.add_all([Perspective(user_id=user.id, dimension="language", value=f"lang-{tag}"),
                        CategoryChoice(user_id=user.id, category_id=category.id, consent="opted_out"),
                        Leave(user_id=user.id, start_date=date(2026, 12, 1), end_date=date(2026, 12, 3))])
    make_log(user, category, note=f"log note {tag}")
    checkin = make_checkin(user, [1, 2, 3, 4, 5], note=f"checkin note {tag}")
    make_prompt(user, "overdue")
    make_follow_up(user, checkin)
    make_token(user, name=f"token {tag}", digest=f"{tag:0<64}"[:64], prefix=f"rw_{tag}"[:12])
    rotation = Rotation(team_id=user.team_id, week_start=date(2026, 11, 30), state="published")
    shift = Shift(rotation=rotation, category_id=category.id, day=date(2026, 12, 1), minutes=120, people=1)
    db.session.add_all([rotation, shift, Assignment(shift=shift, user_id=user.id)])
    db.session.flush()


@pytest.fixture
def people(auth):
    """The signed-in member and another member, each with data everywhere."""
    category = factories.make_category(name="Violent content")
    me = auth.login(team=factories.make_team(name="Blue"), name="Ada Member")
    other = factories.make_user(team=factories.make_team(name="Red"), email="other@example.org")
    _fill(me, "mine", category)
    _fill(other, "theirs", category)
    db.session.commit()
    return me, other


def test_json_export_has_all_my_data_and_none_of_anyone_elses(client, people):
    me, _other = people
    response = client.get("/my-data/export.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"] and response.headers["Cache-Control"] == "no-store"
    data = response.get_json()
    assert data["profile"]["email"] == me.email and data["roles"] == ["member"] and data["team"] == "Blue"
    assert data["perspectives"][0]["value"] == "lang-mine"
    assert data["category_choices"][0]["category"] == "Violent content"
    assert data["leave"][0]["start_date"] == "2026-12-01"
    assert data["exposure_logs"][0]["note"] == "log note mine"
    assert data["check_ins"][0]["note"] == "checkin note mine" and data["check_ins"][0]["answers"] == [1, 2, 3, 4, 5]
    assert data["prompts"][0]["reason"] == "overdue"
    assert data["follow_up_requests"][0]["sent_to"] == "wellbeing@example.org"
    assert data["api_tokens"] == [{**data["api_tokens"][0], "name": "token mine", "prefix": "rw_mine"}]
    assert data["assignments"][0]["day"] == "2026-12-01"
    text = response.get_data(as_text=True)
    assert "theirs" not in text and "other@example.org" not in text and "digest" not in text


def test_csv_export_has_the_same_sections_and_none_of_anyone_elses(client, people):
    response = client.get("/my-data/export.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    sections = {row["section"] for row in rows}
    assert {"profile", "roles", "team", "perspectives", "category_choices", "leave", "exposure_logs", "check_ins",
            "prompts", "follow_up_requests", "api_tokens", "assignments"} <= sections
    values = {(row["section"], row["field"]): row["value"] for row in rows}
    assert values[("check_ins", "note")] == "checkin note mine"
    assert values[("check_ins", "answers")] == "[1, 2, 3, 4, 5]"
    assert values[("api_tokens", "prefix")] == "rw_mine"
    text = response.get_data(as_text=True)
    assert "theirs" not in text and "other@example.org" not in text and "dddd" not in text


def test_every_table_that_holds_user_data_is_exported(client, people):
    data = client.get("/my-data/export.json").get_json()
    for model in owned_models():
        assert model in {m for m, _c in SECTIONS.values()} | {UserRole, Assignment} or model.__tablename__ in data
    assert "password_hash" not in data["profile"] and data["profile"]["name"] == "Ada Member"


def test_my_data_page_links_the_exports_and_deletion(client, auth):
    auth.login()
    page = client.get("/my-data").get_data(as_text=True)
    for href in ("/my-data/export.json", "/my-data/export.csv", "/my-data/delete"):
        assert f'href="{href}"' in page


@pytest.mark.parametrize("typed", ["", "delete", "DELET", "yes"])
def test_deletion_needs_delete_typed_exactly(client, people, typed):
    me, _other = people
    page = client.post("/my-data/delete", data={"confirm": typed}).get_data(as_text=True)
    assert "Type DELETE in capital letters to confirm. Nothing has been deleted." in page
    assert db.session.get(User, me.id) is not None
    assert db.session.scalar(select(func.count(CheckIn.id)).where(CheckIn.user_id == me.id)) == 1


def test_deletion_erases_everything_of_mine_and_keeps_an_audit_line(client, people):
    me, other = people
    my_id = me.id
    assert client.get("/my-data/delete").status_code == 200  # the confirmation step
    response = client.post("/my-data/delete", data={"confirm": "DELETE"}, follow_redirects=True)
    assert "Your data and your account have been deleted." in response.get_data(as_text=True)
    assert db.session.get(User, my_id) is None
    for model in owned_models():  # every table with a user_id, including ones added after this test
        assert db.session.scalar(select(func.count()).select_from(model).where(model.user_id == my_id)) == 0
    for model in NAMED:
        assert db.session.scalar(select(func.count()).select_from(model).where(model.user_id == other.id)) >= 1
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.delete_own_data"))
    assert (entry.actor_id, entry.target_type, entry.target_id, entry.detail) == (None, "user", my_id, "")
    assert client.get("/").status_code == 302  # signed out


def test_the_only_administrator_cannot_delete_their_account(client, auth):
    me = auth.login("member", "admin")
    response = client.post("/my-data/delete", data={"confirm": "DELETE"}, follow_redirects=True)
    assert "You are the only administrator" in response.get_data(as_text=True)
    assert db.session.get(User, me.id) is not None


@pytest.mark.parametrize("url", ["/my-data", "/my-data/export.json", "/my-data/export.csv", "/my-data/delete"])
def test_my_data_needs_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
