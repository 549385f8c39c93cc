"""Over-exposure a manager must see: logged hours past a category's daily or weekly cap, the severe daily ceiling,
or a dose limit. Hours and doses only, never a check-in.

The week's logged hours are laid out as shifts and judged by the scheduler's own rules (scheduler.edits.
rota_breaches), so "over" means what the planner means. Logged minutes are rounded up to quarter hours, the
planner's unit, so a cap is never reported kept when it was passed.
"""
import math
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from scheduler import Assignment as Place
from scheduler import load_instance
from scheduler.edits import rota_breaches
from wellbeing.extensions import db
from wellbeing.models import Category, ExposureAlert, ExposureLog, User, UserRole
from wellbeing.scheduling import category_dict, instance_limits, member_key, week_days
from wellbeing.services.notifications import notify
from wellbeing.services.policy import reduced_members, week_start

WATCHED = ("category_day_cap", "category_week_cap", "severe_ceiling", "dose_7", "dose_28")


@dataclass(frozen=True)
class Crossing:
    """One cap or limit a member's logged hours passed: the rule's code, the words, and when (for one alert)."""

    code: str
    text: str
    period: str


def _minutes(user_ids: list[int], monday: date) -> dict[int, dict[tuple[date, int], int]]:
    """Logged minutes per member, day and category id over the week and the 27 days before (one query)."""
    out: dict[int, dict[tuple[date, int], int]] = {u: {} for u in user_ids}
    rows = db.session.execute(select(ExposureLog.user_id, ExposureLog.day, ExposureLog.category_id, ExposureLog.minutes)
                              .where(ExposureLog.user_id.in_(user_ids), ExposureLog.day >= monday - timedelta(days=27),
                                     ExposureLog.day <= monday + timedelta(days=6)))
    for user_id, day, category_id, minutes in rows:
        out[user_id][(day, category_id)] = out[user_id].get((day, category_id), 0) + minutes
    return out


def _logged_week(user_id: int, minutes: dict, monday: date, categories: list[dict], limits: dict,
                 reduced: bool) -> tuple[dict, list[Place]]:
    """A member's logged week as an instance (no capacity or consent limits: only caps and doses) and places."""
    slug = {c["db_id"]: c["id"] for c in categories}
    shifts = [{"id": f"{slug[c]}@{day.isoformat()}", "category": slug[c], "day": day.isoformat(),
               "hours": math.ceil(m / 15) / 4, "people": 1} for (day, c), m in sorted(minutes.items()) if day >= monday]
    history = [{"date": day.isoformat(), "category": slug[c], "hours": round(m / 60, 4)}
               for (day, c), m in sorted(minutes.items()) if day < monday]
    member = {"id": member_key(user_id), "hours_per_day": 24, "hours_per_week": 168,
              "opted_in": [c["id"] for c in categories if c["requires_opt_in"]], "reduced_load": reduced,
              "history": history}
    instance = {"format": "rotawell-instance/1", "days": [d.isoformat() for d in week_days(monday)],
                "categories": [{k: v for k, v in c.items() if k != "db_id"} for c in categories],
                "limits": limits, "members": [member], "shifts": shifts}
    return instance, [Place(member["id"], s["id"]) for s in shifts]


def _period(code: str, shift_id: str, monday: date) -> str:
    slug, day = shift_id.split("@")
    return {"category_day_cap": shift_id, "severe_ceiling": day, "category_week_cap": f"{slug}@{monday}"}.get(
        code, f"{monday}")


def team_crossings(users: list[User], day: date) -> dict[int, list[Crossing]]:
    """Every cap or dose limit each member's logged hours passed in the week of `day` (a fixed number of queries)."""
    monday, ids = week_start(day), [u.id for u in users]
    if not ids:
        return {}
    rows = db.session.scalars(select(Category).order_by(Category.id))
    categories = [{**category_dict(c), "db_id": c.id} for c in rows]
    limits, reduced, minutes = instance_limits(), reduced_members(ids, monday), _minutes(ids, monday)
    out = {}
    for user_id in ids:
        instance, places = _logged_week(user_id, minutes[user_id], monday, categories, limits, user_id in reduced)
        out[user_id] = _judge(instance, places, monday) if places else []
    return out


def crossings(user: User, day: date) -> list[Crossing]:
    """Every cap or dose limit the member's logged hours passed in the week of `day`, once each."""
    return team_crossings([user], day)[user.id]


def _judge(instance: dict, places: list[Place], monday: date) -> list[Crossing]:
    found: dict[tuple[str, str], Crossing] = {}
    for place, reasons in rota_breaches(load_instance(instance), places).items():
        for reason in reasons:
            if reason.code in WATCHED:
                period = _period(reason.code, place.shift, monday)
                found.setdefault((reason.code, period), Crossing(reason.code, reason.text, period))
    return sorted(found.values(), key=lambda c: (c.period, c.code))


def alert_managers(user: User, day: date) -> int:
    """Tell the member's managers of each crossing not told before (one notification per crossing). No commit."""
    if user.team_id is None:
        return 0
    found = crossings(user, day)
    if not found:  # the usual case: nothing more to read
        return 0
    told = set(db.session.execute(select(ExposureAlert.code, ExposureAlert.period)
                                  .where(ExposureAlert.user_id == user.id)).all())
    new = [c for c in found if (c.code, c.period) not in told]
    if not new:
        return 0
    managers = db.session.scalars(select(User).join(UserRole, UserRole.user_id == User.id).where(
        User.team_id == user.team_id, UserRole.role == "manager", User.active.is_(True))).all()
    for crossing in new:
        db.session.add(ExposureAlert(user_id=user.id, code=crossing.code, period=crossing.period))
        notify(managers, f"{user.name}'s logged hours are over their {crossing.text.removeprefix('at ')}",
               "/manager/")
    return len(new)
