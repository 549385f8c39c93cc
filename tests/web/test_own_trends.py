"""The member's own six-month pattern: weekly severe hours beside their scores, from their data only."""
import json
import re
from datetime import date, datetime, time, timedelta, timezone
from html import unescape

from tests import factories
from tests.checkin_factories import make_checkin, make_log
from wellbeing.extensions import db
from wellbeing.services.own_trends import weekly_severe_hours
from wellbeing.services.policy import week_start

TODAY = date.today()


def test_weekly_severe_hours_count_only_the_members_own_severe_work(app):
    user, other = factories.make_user(), factories.make_user()
    severe, mild = factories.make_category(severity=3), factories.make_category(severity=2)
    make_log(user, severe, day=TODAY, minutes=90)
    make_log(user, severe, day=week_start(TODAY) - timedelta(days=7), minutes=30)
    make_log(user, mild, day=TODAY, minutes=240)                         # not severe
    make_log(other, severe, day=TODAY, minutes=600)                      # someone else's
    make_log(user, severe, day=TODAY - timedelta(weeks=30), minutes=60)  # older than six months
    weeks = weekly_severe_hours(user, TODAY)
    assert len(weeks) == 26 and weeks[-1] == (week_start(TODAY), 1.5) and weeks[-2][1] == 0.5
    assert sum(h for _d, h in weeks) == 2.0


def _figure(page: str, title: str) -> dict:
    for raw in re.findall(r'data-figure="([^"]+)"', page):
        figure = json.loads(unescape(raw))
        if title in json.dumps(figure["layout"].get("title")):
            return figure
    raise AssertionError(f"no figure titled {title!r}")


def test_the_home_page_draws_the_pattern_from_the_members_own_data(client, auth):
    user = auth.login()
    other = factories.make_user()
    severe = factories.make_category(severity=4)
    make_log(user, severe, day=TODAY, minutes=120)
    make_log(other, severe, day=TODAY, minutes=480)
    make_checkin(user, [2] * 5, created_at=datetime.combine(TODAY - timedelta(days=3), time(9), timezone.utc))
    make_checkin(other, [5] * 5, created_at=datetime.combine(TODAY - timedelta(days=3), time(9), timezone.utc))
    db.session.commit()
    figure = _figure(client.get("/").get_data(as_text=True), "severe hours and scores, last six months")
    bars, line = figure["data"][0], figure["data"][1]
    assert bars["y"][-1] == 2.0 and sum(bars["y"]) == 2.0
    assert line["name"] == "WHO-5 Well-Being Index score" and line["y"] == [40]
