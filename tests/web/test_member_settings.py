"""Member settings: test days, leave, reduced load, perspectives and category choices, with every rule,
its message, nothing written on bad input, and other people's ids and other roles refused."""
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from wellbeing.extensions import db
from wellbeing.models import AuditEntry, CategoryChoice, Leave, Perspective, ReducedLoadWeek
from wellbeing.services.member_settings import reducible_weeks

TODAY = date.today()
MONDAY = TODAY - timedelta(days=TODAY.weekday())


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def member(auth):
    return auth.login("member")


@pytest.fixture
def categories(app):
    return (factories.make_category(name="Hate speech", severity=2),
            factories.make_category(name="Child safety", severity=4, requires_opt_in=True))


# --- who may see the pages ---------------------------------------------------------------------------------------

SETTINGS_REQUESTS = [("get", "/settings"), ("post", "/settings/availability"), ("post", "/settings/leave"),
                     ("post", "/settings/leave/1/delete"), ("post", "/settings/reduced-load"),
                     ("post", "/settings/perspectives"), ("post", "/settings/categories"),
                     ("get", "/settings/calendar"), ("post", "/settings/calendar/1/revoke")]


@pytest.mark.parametrize("role", ["manager", "hr", "admin"])
@pytest.mark.parametrize("method, url", SETTINGS_REQUESTS)
def test_settings_are_for_members_only(client, auth, role, method, url):
    auth.login(role)
    response = getattr(client, method)(url)
    assert response.status_code == 403
    assert "team members" in _text(response)


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get("/settings")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_settings_page_shows_hours_read_only_and_the_privacy_notes(client, auth):
    auth.login("member", hours_per_day=5, hours_per_week=18)
    page = " ".join(_text(client.get("/settings")).split())
    assert "5 h a day" in page and "18 h a week" in page
    assert "hours_per_day" not in page and "hours_per_week" not in page  # shown, not editable
    assert "The solver uses these only in aggregate" in page
    assert "sees only that your limits are lower" in page


# --- availability --------------------------------------------------------------------------------------------------

def test_saving_test_days_sets_the_weekdays(client, member):
    response = client.post("/settings/availability", data={"avail-weekdays": ["0", "2", "5"]}, follow_redirects=True)
    assert "Your test days are saved" in _text(response)
    assert member.workdays == 0b0100101
    assert [member.works_on(d) for d in range(7)] == [True, False, True, False, False, True, False]
    assert re.search(r'<input checked id="avail-weekdays-5"', _text(client.get("/settings")))


@pytest.mark.parametrize("data, message", [
    ({}, "Choose at least one day you test on. If you are away, add leave instead."),
    ({"avail-weekdays": ["9"]}, "is not a valid choice"),
    ({"avail-weekdays": ["x"]}, "could not be coerced"),
])
def test_bad_test_days_are_refused_and_nothing_changes(client, member, data, message):
    response = client.post("/settings/availability", data=data)
    assert response.status_code == 200 and message in _text(response)
    db.session.refresh(member)
    assert member.workdays == 0b0011111


# --- leave ---------------------------------------------------------------------------------------------------------

def _leave(start, end):
    return {"leave-start": start.isoformat() if isinstance(start, date) else start,
            "leave-end": end.isoformat() if isinstance(end, date) else end}


def test_adding_leave_lists_it(client, member):
    start, end = TODAY + timedelta(days=10), TODAY + timedelta(days=14)
    response = client.post("/settings/leave", data=_leave(start, end), follow_redirects=True)
    assert "Nothing will be planned for you on those days" in _text(response)
    leave = db.session.scalar(select(Leave))
    assert (leave.user_id, leave.start_date, leave.end_date) == (member.id, start, end)
    assert f"{end.day} {end:%B %Y}" in _text(response)


def test_one_day_leave_and_leave_a_year_ahead_are_fine(client, member):
    client.post("/settings/leave", data=_leave(TODAY, TODAY))
    last = TODAY + timedelta(days=365)
    client.post("/settings/leave", data=_leave(last, last))
    assert _count(Leave) == 2


@pytest.mark.parametrize("start, end, field, message", [
    ("", TODAY, "start", "Enter the first day of your leave."),
    (TODAY, "", "end", "Enter the last day of your leave."),
    ("not a date", TODAY, "start", "Not a valid date value."),
    (TODAY + timedelta(days=3), TODAY + timedelta(days=2), "end", "The last day cannot be before the first day."),
    (TODAY, TODAY + timedelta(days=366), "end", "Leave can be entered up to a year ahead"),
])
def test_bad_leave_is_refused_next_to_its_field(client, member, start, end, field, message):
    response = client.post("/settings/leave", data=_leave(start, end))
    page = _text(response)
    assert response.status_code == 200
    assert re.search(rf'id="leave-{field}-error" role="alert">[^<]*{re.escape(message)}', page)
    if isinstance(start, date):
        assert f'value="{start.isoformat()}"' in page  # what was typed is kept
    assert _count(Leave) == 0


@pytest.mark.parametrize("start, end", [(5, 5), (3, 7), (7, 12), (1, 20), (12, 12)])
def test_overlapping_leave_is_refused(client, member, start, end):
    db.session.add(Leave(user_id=member.id, start_date=TODAY + timedelta(days=5),
                         end_date=TODAY + timedelta(days=12)))
    db.session.commit()
    response = client.post("/settings/leave", data=_leave(TODAY + timedelta(days=start), TODAY + timedelta(days=end)))
    assert re.search(r'id="leave-start-error" role="alert">This overlaps your leave from', _text(response))
    assert _count(Leave) == 1


def test_someone_elses_leave_does_not_block_yours(client, member):
    other = factories.make_user()
    db.session.add(Leave(user_id=other.id, start_date=TODAY, end_date=TODAY + timedelta(days=3)))
    db.session.commit()
    client.post("/settings/leave", data=_leave(TODAY, TODAY + timedelta(days=3)))
    assert _count(Leave) == 2


def test_deleting_own_leave(client, member):
    leave = Leave(user_id=member.id, start_date=TODAY, end_date=TODAY)
    db.session.add(leave)
    db.session.commit()
    response = client.post(f"/settings/leave/{leave.id}/delete", follow_redirects=True)
    assert "Leave deleted." in _text(response)
    assert _count(Leave) == 0


def test_someone_elses_or_a_missing_leave_is_a_404(client, member):
    other = factories.make_user()
    leave = Leave(user_id=other.id, start_date=TODAY, end_date=TODAY)
    db.session.add(leave)
    db.session.commit()
    assert client.post(f"/settings/leave/{leave.id}/delete").status_code == 404
    assert client.post(f"/settings/leave/{leave.id + 100}/delete").status_code == 404
    assert _count(Leave) == 1


# --- reduced load --------------------------------------------------------------------------------------------------

def test_this_week_and_the_next_eight_are_listed(client, member):
    page = _text(client.get("/settings"))
    weeks = reducible_weeks(TODAY)
    assert len(weeks) == 9 and weeks[0] == MONDAY and weeks[-1] == MONDAY + timedelta(weeks=8)
    for week in weeks:
        assert f'name="week" value="{week.isoformat()}"' in page
    assert f'value="{(MONDAY + timedelta(weeks=9)).isoformat()}"' not in page
    assert "no reason needed" in page


def test_marking_and_unmarking_a_week(client, member):
    week = MONDAY + timedelta(weeks=2)
    response = client.post("/settings/reduced-load", data={"week": week.isoformat(), "reduced": "1"},
                           follow_redirects=True)
    assert "marked as reduced load: your limits are lower" in _text(response)
    row = db.session.scalar(select(ReducedLoadWeek))
    assert (row.user_id, row.week_start) == (member.id, week)
    client.post("/settings/reduced-load", data={"week": week.isoformat(), "reduced": "1"})  # twice is still one
    assert _count(ReducedLoadWeek) == 1
    response = client.post("/settings/reduced-load", data={"week": week.isoformat(), "reduced": "0"},
                           follow_redirects=True)
    assert "back to your usual limits" in _text(response)
    assert _count(ReducedLoadWeek) == 0


@pytest.mark.parametrize("week", [
    (MONDAY - timedelta(weeks=1)).isoformat(), (MONDAY + timedelta(weeks=9)).isoformat(),
    (MONDAY + timedelta(days=2)).isoformat(), "next week", ""])
def test_weeks_outside_the_list_are_refused(client, member, week):
    response = client.post("/settings/reduced-load", data={"week": week, "reduced": "1"}, follow_redirects=True)
    assert "Choose this week or one of the next 8 weeks." in _text(response)
    assert _count(ReducedLoadWeek) == 0


# --- perspectives --------------------------------------------------------------------------------------------------

def _perspectives(member) -> dict[str, list[str]]:
    rows = db.session.scalars(select(Perspective).where(Perspective.user_id == member.id).order_by(Perspective.id))
    result: dict[str, list[str]] = {}
    for row in rows:
        result.setdefault(row.dimension, []).append(row.value)
    return result


def test_perspectives_are_trimmed_and_deduplicated(client, member):
    response = client.post("/settings/perspectives", data={
        "persp-discipline": "  linguistics ,security,, Linguistics ", "persp-language": "Spanish,  Hindi  Urdu",
        "persp-region": ""}, follow_redirects=True)
    assert "Your perspectives are saved." in _text(response)
    assert _perspectives(member) == {"discipline": ["linguistics", "security"], "language": ["Spanish", "Hindi Urdu"]}
    assert 'value="linguistics, security"' in _text(client.get("/settings"))


def test_perspectives_can_be_edited_and_cleared(client, member):
    client.post("/settings/perspectives", data={"persp-language": "Spanish, Hindi", "persp-region": "EU"})
    client.post("/settings/perspectives", data={"persp-language": "spanish, Swahili", "persp-region": ""})
    assert _perspectives(member) == {"language": ["spanish", "Swahili"]}


def test_only_the_members_own_perspectives_change(client, member):
    other = factories.make_user()
    db.session.add(Perspective(user_id=other.id, dimension="language", value="French"))
    db.session.commit()
    client.post("/settings/perspectives", data={"persp-language": ""})
    assert _count(Perspective) == 1


@pytest.mark.parametrize("field, value, message", [
    ("language", ", ".join(f"lang{i}" for i in range(11)), "Enter at most 10 values here; you entered 11."),
    ("region", "x" * 81, "Keep each value to 80 characters or fewer"),
    ("discipline", "a," * 1001, "Field cannot be longer than 2000 characters."),
])
def test_bad_perspectives_are_refused_and_nothing_changes(client, member, field, value, message):
    db.session.add(Perspective(user_id=member.id, dimension="region", value="EU"))
    db.session.commit()
    response = client.post("/settings/perspectives", data={f"persp-{field}": value, "persp-discipline": "law"}
                           if field != "discipline" else {"persp-discipline": value})
    page = _text(response)
    assert re.search(rf'id="persp-{field}-error" role="alert">[^<]*{re.escape(message)}', page)
    assert _perspectives(member) == {"region": ["EU"]}
    if field != "discipline":
        assert 'value="law"' in page  # the rest of what was typed is kept


def test_ten_values_are_allowed(client, member):
    client.post("/settings/perspectives", data={"persp-language": ",".join(f"l{i}" for i in range(10))})
    assert len(_perspectives(member)["language"]) == 10


# --- category choices ----------------------------------------------------------------------------------------------

def _choices(categories, **overrides) -> dict:
    data = {f"cat-{kind}_{c.id}": "" for c in categories for kind in ("consent", "liking")}
    data.update({f"cat-{k}": v for k, v in overrides.items()})
    return data


def test_choices_are_saved_and_audited_by_category_only(client, member, categories):
    hate, child = categories
    response = client.post("/settings/categories", data=_choices(
        categories, **{f"consent_{child.id}": "opted_in", f"liking_{child.id}": "avoid",
                       f"consent_{hate.id}": "opted_out"}), follow_redirects=True)
    assert "Your category choices are saved (2 changed)." in _text(response)
    rows = {c.category_id: (c.consent, c.liking) for c in db.session.scalars(select(CategoryChoice))}
    assert rows == {child.id: ("opted_in", "avoid"), hate.id: ("opted_out", None)}
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "category_choice.update")).all()
    assert {(e.actor_id, e.target_type, e.target_id, e.detail) for e in entries} == {
        (member.id, "category", child.id, ""), (member.id, "category", hate.id, "")}


def test_unchanged_choices_write_no_audit_and_none_removes_the_row(client, member, categories):
    hate, _child = categories
    client.post("/settings/categories", data=_choices(categories, **{f"liking_{hate.id}": "prefer"}))
    client.post("/settings/categories", data=_choices(categories, **{f"liking_{hate.id}": "prefer"}))
    assert _count(AuditEntry) == 1
    client.post("/settings/categories", data=_choices(categories))
    assert _count(CategoryChoice) == 0 and _count(AuditEntry) == 2


def test_saved_choices_are_shown_checked(client, member, categories):
    _hate, child = categories
    client.post("/settings/categories", data=_choices(categories, **{f"consent_{child.id}": "opted_in"}))
    assert f'<input checked id="cat-consent_{child.id}-1"' in _text(client.get("/settings"))


def test_only_opt_in_categories_offer_opt_in(client, member, categories):
    hate, child = categories
    page = _text(client.get("/settings"))
    assert f'name="cat-consent_{child.id}" type="radio" value="opted_in"' in page
    assert f'name="cat-consent_{hate.id}" type="radio" value="opted_in"' not in page


@pytest.mark.parametrize("choice, field, message", [
    ({"consent": "opted_in"}, "consent", "Hate speech needs no opt-in: choose no preference or opt out."),
    ({"consent": "opted_out", "liking": "prefer"}, "liking",
     "You opted out of Hate speech, so you cannot also prefer it."),
    ({"consent": "yes please"}, "consent", "Choose opt in, opt out or no preference."),
    ({"liking": "love"}, "liking", "Choose prefer, avoid or neutral."),
])
def test_bad_choices_are_refused_and_nothing_changes(client, member, categories, choice, field, message):
    hate, child = categories
    response = client.post("/settings/categories", data=_choices(
        categories, **{f"{k}_{hate.id}": v for k, v in choice.items()}, **{f"consent_{child.id}": "opted_in"}))
    assert re.search(rf'id="cat-{field}_{hate.id}-error" role="alert">{re.escape(message)}', _text(response))
    assert _count(CategoryChoice) == 0 and _count(AuditEntry) == 0


# --- CSRF ----------------------------------------------------------------------------------------------------------

def _csrf(page: str, prefix: str) -> str:
    return re.search(rf'id="{prefix}-csrf_token" name="{prefix}-csrf_token" type="hidden" value="([^"]+)"',
                     page).group(1)


def test_a_settings_form_needs_its_csrf_token(csrf_app):
    client = csrf_app.test_client()
    user = factories.make_user()
    db.session.commit()
    login_token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"',
                            _text(client.get("/login"))).group(1)
    client.post("/login", data={"email": user.email, "password": factories.PASSWORD, "csrf_token": login_token})
    data = _leave(TODAY, TODAY)
    refused = client.post("/settings/leave", data=data)
    assert refused.status_code == 400 and "security token" in _text(refused) and _count(Leave) == 0
    token = _csrf(_text(client.get("/settings")), "leave")
    assert client.post("/settings/leave", data={**data, "leave-csrf_token": token}).status_code == 302
    assert _count(Leave) == 1
