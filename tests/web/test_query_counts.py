"""No main page runs more queries when there is more data: each page is loaded in a small and in a
three-times-larger organisation (members, categories, logs, check-ins, teams, shifts) and its queries counted;
so is one API post, against a small and a larger history."""
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import event, select

from tests import factories
from tests.checkin_factories import make_checkin, make_log, make_prompt
from wellbeing.extensions import db
from wellbeing.models import Assignment, ExposureLog, Notification, Rotation, Shift
from wellbeing.services.policy import week_start
from wellbeing.services.tokens import create_token

PAGES = ["/", "/exposures", "/checkins", "/checkin", "/notifications", "/settings", "/settings/tokens",
         "/settings/calendar", "/account", "/my-data", "/manager/", "/hr/", "/hr/transparency", "/admin/",
         "/admin/audit", "ROTATION", "ROTATION/demand"]


def _organisation(scale: int):
    """A person holding every role, in a team of 3×scale members, with history, prompts and a rotation."""
    categories = [factories.make_category(severity=s) for _ in range(scale) for s in (1, 2, 3)]
    teams = [factories.make_team() for _ in range(scale)]
    boss = factories.make_user(roles=["member", "manager", "hr", "admin"], team=teams[0])
    today, monday, now = date.today(), week_start(date.today()), datetime.now(timezone.utc)
    people = [boss] + [factories.make_user(team=teams[0]) for _ in range(3 * scale)]
    people += [factories.make_user(team=team) for team in teams[1:] for _ in range(2)]
    for n, person in enumerate(people):
        for d in range(3 * scale):
            make_log(person, categories[(n + d) % len(categories)], day=today - timedelta(days=d), minutes=30)
        for c in range(scale):
            make_checkin(person, answers=(3, 3, 2, 2, 4), created_at=now - timedelta(days=14 * c))
    for r in range(scale):
        make_prompt(boss, ("scheduled", "severe_session", "above_warning")[r % 3])
        db.session.add(Notification(user_id=boss.id, message=f"note {r}", link="/"))
    rotation = Rotation(team_id=teams[0].id, week_start=monday + timedelta(days=7))
    db.session.add(rotation)
    db.session.flush()
    members = [p for p in people if p.team_id == teams[0].id]
    for d in range(min(5, scale + 2)):
        for category in categories:
            shift = Shift(rotation_id=rotation.id, category_id=category.id, day=rotation.week_start + timedelta(days=d),
                          minutes=60, people=1)
            db.session.add(shift)
            db.session.flush()
            db.session.add_all(Assignment(shift_id=shift.id, user_id=m.id) for m in members[:scale])
    db.session.commit()
    return boss, rotation


@contextmanager
def counting():
    statements = []

    def count(*_args):
        statements.append(_args[2])
    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _page_counts(client, scale: int) -> dict[str, int]:
    boss, rotation = _organisation(scale)
    client.post("/logout")
    client.post("/login", data={"email": boss.email, "password": factories.PASSWORD})
    counts = {}
    for page in PAGES:
        path = page.replace("ROTATION", f"/manager/rotations/{rotation.id}")
        client.get(path)  # the first view may raise prompts or write an audit entry once
        db.session.expire_all()
        with counting() as statements:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[page] = len(statements)
    return counts


@pytest.mark.slow
def test_no_main_page_runs_more_queries_with_more_data(app, client):
    small = _page_counts(client, 1)
    large = _page_counts(client, 3)
    grown = {page: (small[page], large[page]) for page in PAGES if large[page] > small[page]}
    assert not grown, f"queries per page grew with the data (small, large): {grown}"


def _api_post_count(client, scale: int) -> int:
    """Queries of one POST /api/v1/exposures by the person of a `scale` organisation (after a first post)."""
    boss, _rotation = _organisation(scale)
    _token, secret = create_token(boss, "counting")
    category = db.session.scalars(select(ExposureLog).where(ExposureLog.user_id == boss.id).limit(1)).one().category
    body = {"category": category.slug, "date": date.today().isoformat(), "minutes": 1, "intensity": 2}
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.post("/api/v1/exposures", json=body, headers=headers).status_code == 201  # may raise prompts
    db.session.expire_all()
    with counting() as statements:
        response = client.post("/api/v1/exposures", json=body, headers=headers)
    assert response.status_code == 201, response.get_json()
    return len(statements)


@pytest.mark.slow
def test_an_api_post_runs_no_more_queries_with_more_history(app, client):
    small, large = _api_post_count(client, 1), _api_post_count(client, 3)
    assert large <= small, f"one API post ran {small} queries on the small organisation, {large} on the larger"
