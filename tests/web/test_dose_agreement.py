"""One dose arithmetic: the 28-day ratio the manager's review page shows for each member is the
ratio the solver planned with and reported (history with odd minutes, a reduced-load week)."""

import json
from datetime import timedelta

from scheduler.fairness import by_member, ratios
from scheduler.io import load_instance
from scheduler.prepare import prepare
from tests.web.rotation_fixtures import NEXT_MONDAY
from tests.web.test_manager_rotation import _generate, week  # noqa: F401 - the fixture
from wellbeing.extensions import db
from wellbeing.models import ExposureLog, ReducedLoadWeek
from wellbeing.scheduling import member_key
from wellbeing.services.rotation_review import member_rows


def _log(user, category, days_before: int, minutes: int) -> None:
    db.session.add(ExposureLog(user_id=user.id, category_id=category.id, minutes=minutes,
                               day=NEXT_MONDAY - timedelta(days=days_before), intensity=3))


def test_review_page_ratio_equals_the_solvers_for_every_member(client, week):  # noqa: F811
    rotation, people, violence = week
    _log(people[0], violence, 3, 50)    # 5/6 h: not a round number of hours
    _log(people[1], violence, 10, 130)
    _log(people[2], violence, 20, 7)
    db.session.add(ReducedLoadWeek(user_id=people[1].id, week_start=NEXT_MONDAY))
    db.session.commit()
    assert _generate(client, rotation).status_code == 302
    db.session.refresh(rotation)
    instance, solution = json.loads(rotation.instance_json), json.loads(rotation.solution_json)
    data = prepare(load_instance(instance))
    pairs = [(data.member_index[a["member"]], data.shift_index[a["shift"]])
             for a in solution["assignments"]]
    solver = {data.members[m].member.id: float(r)
              for m, r in ratios(data, by_member(data, pairs)).items()}
    shown = {member_key(row.user.id): row.dose_28d / row.limit_28d for row in member_rows(rotation)}
    assert set(shown) == set(solver)
    for key, ratio in shown.items():
        assert abs(ratio - solver[key]) < 1e-12, (key, ratio, solver[key])
    assert abs(max(shown.values()) - solution["objective"]["max_relative_dose"]) < 1e-4
