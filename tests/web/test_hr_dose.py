"""HR's dose bands read the dose the solver plans with (scheduler.dose), not a second copy."""
from datetime import date, timedelta

from scheduler import dose as shared
from tests import factories
from tests.web import hr_adversary as adv
from wellbeing.services import release_sources as sources
from wellbeing.services.policy import team_limits
from wellbeing.scheduling import history_before


def test_hr_window_doses_equal_the_dose_in_the_solvers_history(app):
    team, category = factories.make_team(), factories.make_category(severity=3)
    member = factories.make_user(team=team)
    day = adv.last_week_monday(date.today()) + timedelta(days=1)
    for back, minutes in ((0, 25), (0, 25), (1, 50)):  # 50 minutes on each of two days: 0.8333 h each
        adv.log(member, category, day - timedelta(days=back), minutes)
    weights = team_limits().dose_weights
    d7, d28 = sources.window_doses(day, dict(weights))[team.id][member.id]
    history = history_before(member, day + timedelta(days=1))  # what the adapter sends the solver
    planned = sum(shared.dose_of(h["hours"], 3, weights) for h in history)
    assert d7 == d28
    assert abs(d28 - planned) < 1e-12, (d28, planned)
    assert abs(d28 - 2 * 0.8333 * weights[3]) < 1e-12
