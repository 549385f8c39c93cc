"""Regression tests for the three leaks found in the first HR table (issue #17).

Each acts as the adversary did (colluding members, an administrator, HR reloading) and checks that
the victim's hours cannot be read off any number on HR's page.
"""
from datetime import date, timedelta

from tests import factories
from tests.web import hr_adversary as adv
from wellbeing.extensions import db


def _hr_page(client) -> str:
    return client.get("/hr/").get_data(as_text=True)


def test_padding_with_one_minute_entries_does_not_reveal_a_hidden_member(client, auth):
    today = date.today()
    week = adv.last_week_monday(today)
    category = factories.make_category()
    _team, (victim, *colluders) = adv.team_of(5)
    adv.log(victim, category, week + timedelta(days=1), 137)
    pads = [adv.log(c, category, week + timedelta(days=2), 1) for c in colluders]
    auth.login("hr")
    padded = adv.table_numbers(_hr_page(client))
    # The padded cell would read (137 + 4) / 60 = 2.35 h; minus the 4 known minutes it is the victim's 2.28 h.
    assert adv.near(padded, 141 / 60, 0.1) == []
    for pad in pads:
        adv.delete(pad)
    assert adv.table_numbers(_hr_page(client)) == padded  # and deleting the pads changes nothing either


def test_moving_a_member_does_not_rewrite_past_weeks(client, auth):
    today = date.today()
    week = adv.last_week_monday(today)
    category = factories.make_category()
    _old_team, old_members = adv.team_of(8, "Old")
    new_team, new_members = adv.team_of(8, "New")
    for back in range(3):
        for i, member in enumerate(old_members + new_members):
            adv.log(member, category, week - timedelta(weeks=back) + timedelta(days=1), 60 + 15 * i)
    admin = factories.make_user(roles=["admin"])
    db.session.commit()
    auth.login("hr")
    before = adv.table_numbers(_hr_page(client))
    assert before, "the past weeks of two teams of eight should be visible"
    adv.move(admin, old_members[3], new_team)
    assert adv.table_numbers(_hr_page(client)) == before


def test_reloading_during_the_week_does_not_show_one_session(client, auth):
    today = date.today()
    category = factories.make_category()
    _team, members = adv.team_of(8)
    for i, member in enumerate(members):
        adv.log(member, category, today, 60 + 10 * i)
        adv.log(member, category, adv.last_week_monday(today) + timedelta(days=2), 60 + 10 * i)
    auth.login("hr")
    before = adv.table_numbers(_hr_page(client))
    entry = adv.log(members[0], category, today, 45)
    assert adv.table_numbers(_hr_page(client)) == before
    adv.delete(entry)
    assert adv.table_numbers(_hr_page(client)) == before
