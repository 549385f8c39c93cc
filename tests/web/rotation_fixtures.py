"""A small team with categories, ready for a rotation: shared by the adapter and manager tests."""
from datetime import date, timedelta

from tests import factories
from wellbeing.extensions import db
from wellbeing.models import Perspective
from wellbeing.services.policy import week_start

NEXT_MONDAY = week_start(date.today()) + timedelta(days=7)


def small_team(members: int = 4):
    """A team with a manager and `members` members (each with a perspective), and two categories."""
    team = factories.make_team()
    manager = factories.make_user(roles=["manager"], team=team)
    people = [factories.make_user(roles=["member"], team=team, name=f"Member {i}") for i in range(members)]
    for i, user in enumerate(people):
        db.session.add(Perspective(user_id=user.id, dimension="language", value=("en", "es", "fr")[i % 3]))
    violence = factories.make_category(slug="violence", name="Violent content", severity=3, max_hours_per_day=3,
                                       max_hours_per_week=8, max_consecutive_days=2)
    bias = factories.make_category(slug="bias", name="Bias", severity=2, max_hours_per_day=4,
                                   max_hours_per_week=14, max_consecutive_days=5)
    db.session.commit()
    return team, manager, people, violence, bias
