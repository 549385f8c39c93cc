"""The organisation's dose policy and a member's effective limits."""
from datetime import date, timedelta

from sqlalchemy import select

from wellbeing.dose import DoseLimits
from wellbeing.extensions import db
from wellbeing.models import DosePolicy, ReducedLoadWeek, User
from wellbeing.services.audit import record


def current_policy() -> DosePolicy:
    """The single policy row; defaults if an admin has not saved one yet (not written here)."""
    policy = db.session.scalar(select(DosePolicy).order_by(DosePolicy.id).limit(1))
    if policy is not None:
        return policy
    defaults = {c.name: c.default.arg for c in DosePolicy.__table__.columns if c.default is not None}
    return DosePolicy(**defaults)


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def is_reduced(user: User, day: date) -> bool:
    """True when the member marked `day`'s week as reduced load."""
    return db.session.scalar(select(ReducedLoadWeek.id).where(
        ReducedLoadWeek.user_id == user.id, ReducedLoadWeek.week_start == week_start(day))) is not None


def member_limits(user: User, day: date, policy: DosePolicy | None = None, reduced: bool | None = None) -> DoseLimits:
    """The member's dose limits on `day`, lowered in a week they marked as reduced load.

    A page about many members passes `policy` and `reduced` it read once for all of them.
    """
    policy = policy or current_policy()
    limits = DoseLimits({s: policy.weight(s) for s in range(1, 5)}, policy.max_dose_7d, policy.max_dose_28d,
                        policy.warning_fraction)
    reduced = is_reduced(user, day) if reduced is None else reduced
    return limits.scaled(policy.reduced_factor) if reduced else limits


def reduced_members(user_ids, day: date) -> set[int]:
    """Which of `user_ids` marked `day`'s week as reduced load (one query for a whole team)."""
    return set(db.session.scalars(select(ReducedLoadWeek.user_id).where(
        ReducedLoadWeek.user_id.in_(list(user_ids)), ReducedLoadWeek.week_start == week_start(day))))


def save_policy(actor, values: dict) -> DosePolicy:
    """Store the dose policy (creating its row on first save) and audit the new values."""
    policy = db.session.scalar(select(DosePolicy).order_by(DosePolicy.id).limit(1))
    if policy is None:
        policy = DosePolicy()
        db.session.add(policy)
    for key, value in values.items():
        setattr(policy, key, value)
    db.session.flush()
    record(actor, "policy.save", policy, ", ".join(f"{k}={v:g}" for k, v in values.items()))
    db.session.commit()
    return policy
