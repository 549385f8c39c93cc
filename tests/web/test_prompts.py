"""Check-in prompts: each rule, no duplicates (service and database), snoozing, answering."""
import re
from datetime import date, datetime, timedelta, timezone

import pytest
from flask import render_template
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from config import ConfigError, load_config
from tests import factories
from tests.checkin_factories import NOW, days_ago, make_checkin, make_log, make_prompt
from wellbeing.extensions import db
from wellbeing.models import Prompt
from wellbeing.services import prompts


def _reasons(user) -> list[str]:
    return sorted(db.session.scalars(select(Prompt.reason).where(Prompt.user_id == user.id,
                                                                 Prompt.state != "answered")))


@pytest.mark.parametrize("age_days, expected", [(13.9, []), (14, ["scheduled"]), (40, ["scheduled"])])
def test_scheduled_prompt_counts_from_account_creation(app, age_days, expected):
    user = factories.make_user(created_at=days_ago(age_days))
    assert prompts.evaluate_periodic(user, NOW) is bool(expected)
    assert _reasons(user) == expected


def test_scheduled_prompt_follows_the_configured_interval_since_the_last_checkin(app):
    app.config["CHECKIN_INTERVAL_DAYS"] = 7
    user = factories.make_user(created_at=days_ago(100))
    make_checkin(user, created_at=days_ago(6))
    assert not prompts.evaluate_periodic(user, NOW) and _reasons(user) == []
    assert prompts.evaluate_periodic(user, NOW + timedelta(days=1)) and _reasons(user) == ["scheduled"]


@pytest.mark.parametrize("last_checkin_days, expected", [(13, []), (14, ["overdue"]), (30, ["overdue"])])
def test_overdue_prompt_after_fourteen_days_without_a_checkin(app, last_checkin_days, expected):
    user = factories.make_user(created_at=days_ago(100))
    make_checkin(user, created_at=days_ago(last_checkin_days))
    prompts.evaluate_periodic(user, NOW)
    assert _reasons(user) == expected  # overdue says it all: no scheduled prompt beside it


def test_weekly_schedule_then_overdue(app):
    app.config["CHECKIN_INTERVAL_DAYS"] = 7
    user = factories.make_user(created_at=days_ago(100))
    make_checkin(user, created_at=days_ago(14))
    make_prompt(user, "scheduled", created_at=days_ago(7))
    assert prompts.evaluate_periodic(user, NOW) and _reasons(user) == ["overdue", "scheduled"]


def test_periodic_rules_commit_and_never_duplicate(app):
    user = factories.make_user(created_at=days_ago(30))
    db.session.commit()
    assert prompts.evaluate_periodic(user, NOW)
    db.session.rollback()  # already committed: the rollback loses nothing
    assert _reasons(user) == ["scheduled"]
    assert not prompts.evaluate_periodic(user, NOW + timedelta(days=3))
    assert db.session.scalar(select(func.count(Prompt.id))) == 1


@pytest.mark.parametrize("severity, expected", [(2, []), (3, ["severe_session"]), (4, ["severe_session"])])
def test_severe_session_prompt(app, severity, expected):
    user = factories.make_user()
    log = make_log(user, factories.make_category(severity=severity), minutes=30)
    prompts.evaluate_after_exposure(user, log, date.today())
    assert _reasons(user) == expected


@pytest.mark.parametrize("minutes, expected", [((360, 360, 300), []), ((360, 360, 360), ["above_warning"])])
def test_above_warning_prompt_uses_the_dose_policy(app, minutes, expected):
    # default policy: 7-day limit 24, warning at 0.75 -> 18; severity 2 weighs 1 per hour
    user, category = factories.make_user(), factories.make_category(severity=2, max_hours_per_day=8)
    today = date.today()
    logs = [make_log(user, category, day=today - timedelta(days=i), minutes=m) for i, m in enumerate(minutes)]
    prompts.evaluate_after_exposure(user, logs[0], today)
    assert _reasons(user) == expected


def test_a_backdated_session_is_judged_on_its_own_day(app):
    user, category = factories.make_user(), factories.make_category(severity=2, max_hours_per_day=8)
    old = date.today() - timedelta(days=20)
    logs = [make_log(user, category, day=old - timedelta(days=i), minutes=360) for i in range(3)]
    prompts.evaluate_after_exposure(user, logs[0], date.today())
    assert _reasons(user) == ["above_warning"]


def test_exposure_rules_leave_the_commit_to_the_caller_and_never_duplicate(app):
    user, category = factories.make_user(), factories.make_category(severity=4)
    db.session.commit()
    for _ in range(2):
        prompts.evaluate_after_exposure(user, make_log(user, category), date.today())
    assert _reasons(user) == ["severe_session"]
    db.session.rollback()
    assert _reasons(user) == []


def test_database_refuses_a_second_pending_prompt_for_the_same_reason(app):
    user = factories.make_user()
    make_prompt(user, "overdue", state="snoozed")
    db.session.commit()
    with pytest.raises(IntegrityError):
        make_prompt(user, "overdue")
    db.session.rollback()
    make_prompt(user, "overdue", state="answered")
    make_prompt(user, "scheduled")
    db.session.commit()  # answered prompts and other reasons do not count


def test_open_prompts_hide_snoozed_ones_until_their_time(app):
    user = factories.make_user()
    waiting = make_prompt(user, "scheduled")
    snoozed = make_prompt(user, "overdue", state="snoozed", snoozed_until=NOW + timedelta(hours=2))
    make_prompt(user, "severe_session", state="answered")
    assert prompts.open_prompts(user, NOW) == [waiting]
    assert prompts.open_prompts(user, NOW + timedelta(hours=2)) == [waiting, snoozed]


def test_snoozing_a_prompt_hides_it_for_a_day(client, auth):
    user = auth.login()
    prompt = make_prompt(user, "above_warning")
    db.session.commit()
    response = client.post(f"/prompts/{prompt.id}/snooze", follow_redirects=False)
    assert response.status_code == 302
    db.session.refresh(prompt)
    until = prompts.as_utc(prompt.snoozed_until)
    assert prompt.state == "snoozed" and timedelta(hours=23) < until - prompts.as_utc(prompt.created_at)
    assert prompts.open_prompts(user, until - timedelta(minutes=1)) == []
    assert prompts.open_prompts(user, until) == [prompt]
    assert not prompts.evaluate_periodic(user, until)  # still waiting: not raised again


def test_snoozing_someone_elses_prompt_is_404(client, auth):
    other = factories.make_user()
    prompt = make_prompt(other, "scheduled")
    db.session.commit()
    auth.login()
    assert client.post(f"/prompts/{prompt.id}/snooze").status_code == 404
    db.session.refresh(prompt)
    assert prompt.state == "open"


def test_prompt_partial_words_answer_link_and_snooze_form(csrf_app):
    user = factories.make_user()
    rows = [make_prompt(user, reason) for reason in ("scheduled", "severe_session", "above_warning", "overdue")]
    with csrf_app.test_request_context("/"):
        html = render_template("member/_prompts.html", prompts=rows)
    assert "regular check-in (every 14 days)" in html and "high-severity category" in html
    assert "above the warning level" in html and "not checked in for two weeks" in html
    assert html.count('href="/checkin">Answer now</a>') == 4
    assert len(re.findall(r'action="/prompts/\d+/snooze"', html)) == 4
    assert html.count('name="csrf_token" value="') == 4 and html.count("Snooze for a day") == 4
    with csrf_app.test_request_context("/"):
        assert render_template("member/_prompts.html", prompts=[]).strip() == ""


def test_home_page_raises_and_shows_a_due_prompt(client, auth):
    auth.login(created_at=datetime.now(timezone.utc) - timedelta(days=20))
    page = client.get("/").get_data(as_text=True)
    assert "It is time for your regular check-in" in page and "Answer now" in page


@pytest.mark.parametrize("raw, expected", [(None, 14), ("7", 7)])
def test_checkin_interval_is_configurable(monkeypatch, tmp_path, raw, expected):
    if raw is None:
        monkeypatch.delenv("CHECKIN_INTERVAL_DAYS", raising=False)
    else:
        monkeypatch.setenv("CHECKIN_INTERVAL_DAYS", raw)
    assert load_config(str(tmp_path), "testing").CHECKIN_INTERVAL_DAYS == expected


@pytest.mark.parametrize("raw", ["0", "fortnight"])
def test_a_bad_checkin_interval_names_the_setting(monkeypatch, tmp_path, raw):
    monkeypatch.setenv("CHECKIN_INTERVAL_DAYS", raw)
    with pytest.raises(ConfigError, match="CHECKIN_INTERVAL_DAYS"):
        load_config(str(tmp_path), "testing")


def test_a_batch_is_judged_as_its_sessions_one_by_one_and_prompts_once(app):
    user = factories.make_user()
    mild, severe = factories.make_category(severity=2, max_hours_per_day=8), factories.make_category(severity=4)
    today = date.today()
    # the backdated days reach the warning level; the severe session is not the first of the batch
    logs = [make_log(user, mild, day=today - timedelta(days=10 + i), minutes=480) for i in range(3)]
    logs.append(make_log(user, severe, minutes=30))
    prompts.evaluate_after_exposures(user, logs, today)
    assert sorted(_reasons(user)) == ["above_warning", "severe_session"]
