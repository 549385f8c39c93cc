"""HR, colluding members and an administrator try to recover one member's hours; they must not manage it.

Stated tolerance: the adversary's interval for the victim's hours in a week, from every export with
every filter and everything the colluders know about their own sessions, is at least 25% of the
victim's hours wide (DOMINANCE_P), or the victim's week is not released at all.
"""
from datetime import date, timedelta

import pytest

from tests import factories
from tests.web import hr_adversary as adv
from wellbeing.disclosure import DOMINANCE_P
from wellbeing.extensions import db

VICTIM_MINUTES = 137


def _org(today: date):
    """Three teams of eight with ordinary weeks, and a victim's team of five, all in two categories."""
    severe, mild = factories.make_category(severity=3), factories.make_category(severity=1)
    week = adv.last_week_monday(today)
    teams = [adv.team_of(8) for _ in range(3)]
    for team, members in teams:
        for i, member in enumerate(members):
            adv.log(member, severe, week + timedelta(days=1), 60 + 7 * i)
            adv.log(member, mild, week + timedelta(days=2), 45 + 5 * i)
    small, (victim, *colluders) = adv.team_of(5)
    adv.log(victim, severe, week + timedelta(days=1), VICTIM_MINUTES)
    groups = {f"cat:{severe.id}": "tier:3", f"cat:{mild.id}": "tier:1"}
    return week, small, colluders, severe, [t.id for t, _m in teams] + [small.id], groups


def _check_hidden_enough(client, team_ids, groups, week, small, severe, known_minutes):
    seen = adv.everything_exported(client, team_ids, ["all", "tier:3", "tier:1", *groups])
    low, high = adv.victim_interval(seen, week.isoformat(), groups, (small.id, f"cat:{severe.id}"),
                                    known_minutes / 60)
    assert high - low >= DOMINANCE_P * VICTIM_MINUTES / 60, (low, high)
    return seen


@pytest.mark.parametrize("pad_minutes", [1, 30, 137, 600])
def test_colluders_padding_the_victims_cell_then_deleting_learn_nothing(client, auth, pad_minutes):
    today = date.today()
    week, small, colluders, severe, team_ids, groups = _org(today)
    pads = [adv.log(c, severe, week + timedelta(days=3), pad_minutes) for c in colluders]
    auth.login("hr")
    seen = _check_hidden_enough(client, team_ids, groups, week, small, severe, pad_minutes * len(pads))
    for pad in pads:
        adv.delete(pad)
    assert adv.everything_exported(client, team_ids, ["all", "tier:3", "tier:1", *groups]) == seen


def test_totals_siblings_and_narrowing_filters_do_not_recover_a_small_cell(client, auth):
    today = date.today()
    week, small, _colluders, severe, team_ids, groups = _org(today)
    auth.login("hr")
    seen = _check_hidden_enough(client, team_ids, groups, week, small, severe, 0)
    assert any(v is not None for values in seen.values() for v in values.values()), "something must be shown"


def test_an_admin_moving_people_around_changes_no_released_figure(client, auth):
    today = date.today()
    week, small, colluders, severe, team_ids, groups = _org(today)
    admin = factories.make_user(roles=["admin"])
    big = db.session.get(factories.Team, team_ids[0])
    for colluder in colluders:  # empty the victim's team before HR first looks
        adv.move(admin, colluder, big)
    auth.login("hr")
    seen = _check_hidden_enough(client, team_ids, groups, week, small, severe, 0)
    for colluder in colluders:
        adv.move(admin, colluder, small)
    assert adv.everything_exported(client, team_ids, ["all", "tier:3", "tier:1", *groups]) == seen


def test_week_over_week_and_period_filters_show_each_week_once_and_unchanged(client, auth):
    today = date.today()
    week, _small, colluders, severe, team_ids, _groups = _org(today)
    auth.login("hr")
    four = adv.everything_exported(client, team_ids, ["all"], weeks=4)
    entry = adv.log(colluders[0], severe, today, 300)  # this week: never shown while it is open
    adv.log(colluders[1], severe, week + timedelta(days=4), 300)  # back-dated into a released week
    adv.delete(entry)
    twelve = adv.everything_exported(client, team_ids, ["all"], weeks=12)
    for cell, values in four.items():
        assert {w: v for w, v in twelve[cell].items() if w in values} == values
        assert (today - timedelta(days=today.weekday())).isoformat() not in twelve[cell]
