"""Admins choose the instruments and their cadence; members answer PCL-5 beside WHO-5, each with its own
prompts, trend and support, and nobody else sees the scores."""
import re
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.checkin_factories import NOW, days_ago, make_checkin
from wellbeing import instruments
from wellbeing.defaults import ensure_defaults
from wellbeing.extensions import db
from wellbeing.models import AuditEntry, CheckIn, InstrumentSetting, Prompt
from wellbeing.services import instrument_settings, prompts

PCL5 = instruments.load("pcl5")


def _pcl5_form(total_of_twos: int = 0, ones: int = 0):
    """Answers with `total_of_twos` items at 2, then `ones` at 1, the rest 0."""
    values = [2] * total_of_twos + [1] * ones
    values += [0] * (20 - len(values))
    return {item.id: str(v) for item, v in zip(PCL5.items, values)}


def _enable_pcl5(days: int = 30):
    instrument_settings.save(None, {"who5": (True, 14), "pcl5": (True, days)})


def test_pcl5_is_off_until_an_admin_turns_it_on(client, auth):
    admin = auth.login("admin")
    assert client.get("/admin/instruments").status_code == 200
    response = client.post("/admin/instruments", data={"enabled_who5": "y", "cadence_who5": "14",
                                                       "enabled_pcl5": "y", "cadence_pcl5": "30"})
    assert response.status_code == 302
    assert db.session.get(InstrumentSetting, "pcl5").cadence_days == 30
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "instruments.save"))
    assert entry.actor_id == admin.id and "pcl5=on/30d" in entry.detail


def test_a_member_cannot_open_an_instrument_not_in_use(client, auth):
    auth.login()
    assert client.get("/checkin/pcl5").status_code == 404
    _enable_pcl5()
    page = client.get("/checkin/pcl5").get_data(as_text=True)
    assert "disturbing material you have reviewed at work" in page and page.count("<fieldset") == 20
    assert "Public domain" in page and "names the stressful experience" in page


@pytest.mark.parametrize("data, message", [
    ({"cadence_who5": "14", "cadence_pcl5": "30"}, "Keep at least one instrument in use"),
    ({"enabled_who5": "y", "cadence_who5": "often", "cadence_pcl5": "30"}, "in whole days (1 to 365)"),
    ({"enabled_who5": "y", "cadence_who5": "400", "cadence_pcl5": "30"}, "every 1 to 365 days, not 400"),
])
def test_a_bad_instrument_choice_is_named_and_saves_nothing(client, auth, data, message):
    auth.login("admin")
    response = client.post("/admin/instruments", data=data)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(InstrumentSetting)) == 0


@pytest.mark.parametrize("role", ["member", "manager", "hr", "wellbeing"])
def test_only_admins_choose_instruments(client, auth, role):
    auth.login(role)
    assert client.post("/admin/instruments", data={"cadence_who5": "1"}).status_code == 403


def test_a_high_pcl5_shows_crisis_and_counselling_first_and_offers_the_follow_up(client, auth):
    ensure_defaults()
    auth.login()
    _enable_pcl5()
    response = client.post("/checkin/pcl5", data=_pcl5_form(15, 1))  # 31
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "31</strong> out of 80" in page and "raw score" not in page
    titles = re.findall(r'<article class="resource kind-([a-z_]+)">', page)
    assert titles[:2] == ["crisis_line", "counselling"]
    assert 'class="support prominent"' in page and "Ask for a confidential follow-up" in page


def test_a_pcl5_below_the_cut_point_offers_no_follow_up(client, auth):
    auth.login()
    _enable_pcl5()
    response = client.post("/checkin/pcl5", data=_pcl5_form(15))  # 30
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "30</strong> out of 80" in page and "Ask for a confidential follow-up" not in page


def test_an_unanswered_pcl5_item_is_named_and_nothing_saved(client, auth):
    auth.login()
    _enable_pcl5()
    data = _pcl5_form(15)
    del data["sleep"]
    page = client.post("/checkin/pcl5", data=data).get_data(as_text=True)
    assert "Choose an answer for “Trouble falling or staying asleep?”" in page
    assert db.session.scalar(select(func.count(CheckIn.id))) == 0


def test_each_instrument_prompts_by_its_own_cadence_and_is_answered_by_its_own_checkin(app):
    _enable_pcl5(days=30)
    user = factories.make_user(created_at=days_ago(100))
    make_checkin(user, created_at=days_ago(3))                                    # WHO-5 recently
    make_checkin(user, [1] * 20, created_at=days_ago(29), instrument="pcl5")      # PCL-5 29 days ago
    assert not prompts.evaluate_periodic(user, NOW)
    assert prompts.evaluate_periodic(user, NOW + timedelta(days=1))  # 30 days: PCL-5's recall window is over
    assert _pending() == {("overdue", "pcl5")}
    prompts.mark_answered(user, NOW, "who5")
    assert _pending() == {("overdue", "pcl5")}  # a WHO-5 check-in does not answer the PCL-5 reminder
    prompts.mark_answered(user, NOW, "pcl5")
    assert _pending() == set()


def _pending() -> set:
    return set(db.session.execute(select(Prompt.reason, Prompt.instrument).where(Prompt.state != "answered")))


def test_the_member_sees_a_trend_for_each_instrument(client, auth):
    user = auth.login()
    _enable_pcl5()
    now = datetime.now(timezone.utc)
    make_checkin(user, created_at=now - timedelta(days=1))
    make_checkin(user, [2] * 20, created_at=now - timedelta(days=2), instrument="pcl5")
    db.session.commit()
    home = client.get("/").get_data(as_text=True)
    assert "Your WHO-5 Well-Being Index scores" in home and "Your PTSD Checklist for DSM-5 (PCL-5) scores" in home
    history = client.get("/checkins").get_data(as_text=True)
    assert "PTSD Checklist for DSM-5" in history and "<td>40</td>" in history and 'href="/checkin/pcl5"' in history
