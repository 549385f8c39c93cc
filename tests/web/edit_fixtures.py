"""A draft week for Gus Berg with one kind of rule on the edge: shared by the manual-edit tests."""
from datetime import timedelta

from tests import factories
from tests.web.rotation_fixtures import NEXT_MONDAY
from wellbeing.extensions import db
from wellbeing.models import Assignment, CategoryChoice, DosePolicy, ExposureLog, Leave, Rotation, Shift


def day(offset: int):
    return NEXT_MONDAY + timedelta(days=offset)


class EditWeek:
    """A team (manager, Gus Berg, Ada Lind), five categories and an empty draft week."""

    def __init__(self):
        self.team = factories.make_team()
        self.manager = factories.make_user(roles=["manager"], team=self.team, name="Mona Manager")
        self.gus = factories.make_user(roles=["member"], team=self.team, name="Gus Berg")
        self.ada = factories.make_user(roles=["member"], team=self.team, name="Ada Lind")
        mk = factories.make_category
        self.cats = {
            "violence": mk(slug="violence", name="Violent content", severity=3, max_hours_per_day=3,
                           max_hours_per_week=8, max_consecutive_days=2),
            "hate": mk(slug="hate", name="Hate speech", severity=3, max_hours_per_day=3,
                       max_hours_per_week=8, max_consecutive_days=2),
            "child": mk(slug="child", name="Child safety", severity=4, max_hours_per_day=2,
                        max_hours_per_week=4, max_consecutive_days=1, requires_opt_in=True),
            "bias": mk(slug="bias", name="Bias", severity=2, max_hours_per_day=4, max_hours_per_week=14,
                       max_consecutive_days=5),
            "jail": mk(slug="jail", name="Jailbreaks", severity=1, max_hours_per_day=4, max_hours_per_week=5,
                       max_consecutive_days=7),
        }
        self.rotation = Rotation(team_id=self.team.id, week_start=NEXT_MONDAY, state="draft")
        db.session.add(self.rotation)
        db.session.flush()

    def shift(self, cat: str, offset: int, hours: float, people: int = 2, *workers) -> Shift:
        """A shift of the week, with `workers` already on it (not pinned)."""
        shift = Shift(rotation_id=self.rotation.id, category_id=self.cats[cat].id, day=day(offset),
                      minutes=int(hours * 60), people=people)
        shift.assignments = [Assignment(user_id=w.id) for w in workers]
        db.session.add(shift)
        db.session.flush()
        return shift

    def log(self, user, cat: str, offset: int, minutes: int) -> None:
        db.session.add(ExposureLog(user_id=user.id, category_id=self.cats[cat].id, day=day(offset),
                                   minutes=minutes, intensity=3))

    def choose(self, user, cat: str, consent: str) -> None:
        db.session.add(CategoryChoice(user_id=user.id, category_id=self.cats[cat].id, consent=consent))

    def policy(self, **values) -> None:
        db.session.add(DosePolicy(**values))

    def leave(self, user, offset: int) -> None:
        db.session.add(Leave(user_id=user.id, start_date=day(offset), end_date=day(offset)))


def _opted_out(w):
    w.choose(w.gus, "violence", "opted_out")
    return w.shift("violence", 0, 2)


def _not_opted_in(w):
    return w.shift("child", 0, 1)


def _unavailable(w):
    w.leave(w.gus, 0)
    return w.shift("bias", 0, 2)


def _day_hours(w):
    w.gus.hours_per_day = 4
    w.shift("bias", 0, 3, 2, w.gus)
    return w.shift("jail", 0, 2)


def _category_day_cap(w):
    w.shift("bias", 0, 3, 2, w.gus)
    return w.shift("bias", 0, 2)


def _severe_ceiling(w):
    w.shift("violence", 0, 3, 2, w.gus)
    return w.shift("hate", 0, 2)


def _category_week_cap(w):
    w.shift("jail", 0, 3, 2, w.gus)
    return w.shift("jail", 1, 3)


def _week_hours(w):
    w.gus.hours_per_week = 5
    w.shift("bias", 0, 3, 2, w.gus)
    return w.shift("bias", 1, 3)


def _dose_7(w):
    w.policy(max_dose_7d=5)
    w.shift("bias", 1, 3, 2, w.gus)
    return w.shift("bias", 0, 3)


def _dose_28(w):
    w.policy(max_dose_7d=13, max_dose_28d=13)
    w.log(w.gus, "bias", -20, 480)
    w.shift("bias", 1, 3, 2, w.gus)
    return w.shift("bias", 0, 3)


def _consecutive(w):
    w.shift("violence", 0, 2, 2, w.gus)
    w.shift("violence", 1, 2, 2, w.gus)
    return w.shift("violence", 2, 2)


def _recovery(w):
    w.policy(min_recovery_days=3)
    for cat, offset in (("violence", 0), ("hate", 1), ("violence", 3), ("hate", 4)):
        w.shift(cat, offset, 2, 2, w.gus)
    return w.shift("violence", 2, 2)


# rule -> (builder returning the shift to pin Gus to, words the refusal must contain)
UNSAFE_PINS = {
    "opted_out": (_opted_out, "Gus Berg opted out of Violent content"),
    "not_opted_in": (_not_opted_in, "Gus Berg has not opted in to Child safety"),
    "unavailable": (_unavailable, f"Gus Berg is unavailable on {day(0).isoformat()}"),
    "day_hours": (_day_hours, "over their daily hour limit: 5 h of 4 h"),
    "category_day_cap": (_category_day_cap, "over their Bias daily cap: 5 h of 4 h"),
    "severe_ceiling": (_severe_ceiling, "over their daily severe-content ceiling: 5 h of 4 h"),
    "category_week_cap": (_category_week_cap, "over their Jailbreaks weekly cap: 6 h of 5 h"),
    "week_hours": (_week_hours, "over their weekly hour limit: 6 h of 5 h"),
    "dose_7": (_dose_7, "over their 7-day dose limit: 6 of 5"),
    "dose_28": (_dose_28, "over their 28-day dose limit: 14 of 13"),
    "consecutive_days": (_consecutive, "Gus Berg would exceed max consecutive days in Violent content: 3 of 2"),
    "recovery_days": (_recovery, "Gus Berg needs recovery days: 3 without severe work, 2 left"),
}
