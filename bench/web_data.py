"""The benchmark organisation, built fast with bulk inserts: 40 teams of 25 members, two years of
workday exposure logs (~520k rows), fortnightly WHO-5 check-ins, a manager per team and next
week's rotation with its assignments, an HR account and API tokens."""
import random
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import insert, select
from werkzeug.security import generate_password_hash

from wellbeing.defaults import ensure_defaults
from wellbeing.extensions import db
from wellbeing.models import (ApiToken, Assignment, Category, CheckIn, ExposureLog, Rotation, Shift, Team, User,
                              UserRole)
from wellbeing.models.disclosure import TeamMembership
from wellbeing.services.policy import week_start
from wellbeing.services.tokens import _digest

PASSWORD = "bench-password-1234"
TEAMS, PER_TEAM, DAYS, TOKENS = 40, 25, 730, 200


def _bulk(model, rows: list[dict], chunk: int = 20000) -> None:
    for i in range(0, len(rows), chunk):
        db.session.execute(insert(model), rows[i:i + chunk])


def _people(today: date) -> list[int]:
    hashed = generate_password_hash(PASSWORD)
    now = datetime.now(timezone.utc)
    _bulk(Team, [{"name": f"Team {t:02d}"} for t in range(TEAMS)])
    teams = db.session.scalars(select(Team.id).order_by(Team.id)).all()
    users = [{"email": f"m{t:02d}.{i:02d}@bench.rotawell", "name": f"Member {t:02d}.{i:02d}", "team_id": team,
              "password_hash": hashed, "active": True, "created_at": now - timedelta(days=DAYS + 10)}
             for t, team in enumerate(teams) for i in range(PER_TEAM)]
    users += [{"email": f"boss{t:02d}@bench.rotawell", "name": f"Manager {t:02d}", "team_id": team,
               "password_hash": hashed, "active": True, "created_at": now} for t, team in enumerate(teams)]
    users.append({"email": "hr@bench.rotawell", "name": "HR", "team_id": None, "password_hash": hashed,
                  "active": True, "created_at": now})
    _bulk(User, users)
    rows = db.session.execute(select(User.id, User.email, User.team_id)).all()
    roles = [{"user_id": uid, "role": "member" if email.startswith("m") else
              "manager" if email.startswith("boss") else "hr"} for uid, email, _t in rows]
    _bulk(UserRole, roles)
    _bulk(TeamMembership, [{"user_id": uid, "team_id": team, "valid_from": today - timedelta(days=DAYS + 10)}
                           for uid, _e, team in rows if team is not None])
    return [uid for uid, email, _t in rows if email.startswith("m")]


def _history(members: list[int], today: date, rng: random.Random) -> int:
    categories = db.session.execute(select(Category.id, Category.max_hours_per_day)
                                    .where(Category.requires_opt_in.is_(False))).all()
    logs, checkins = [], []
    for uid in members:
        for back in range(1, DAYS + 1):
            day = today - timedelta(days=back)
            if day.weekday() < 5:
                category, cap = rng.choice(categories)
                logs.append({"user_id": uid, "category_id": category, "day": day, "intensity": rng.randint(1, 5),
                             "minutes": rng.choice((30, 45, 60, 90)) if cap >= 1.5 else 30, "source": "form",
                             "created_at": datetime.combine(day, time(17), timezone.utc)})
            if back % 14 == 0:
                answers = [rng.randint(1, 5) for _ in range(5)]
                checkins.append({"user_id": uid, "instrument": "who5", "answers": answers, "score": sum(answers) * 4,
                                 "day": day, "created_at": datetime.combine(day, time(9), timezone.utc)})
    _bulk(ExposureLog, logs)
    _bulk(CheckIn, checkins)
    return len(logs) + len(checkins)


def _rotations(today: date) -> None:
    monday = week_start(today) + timedelta(days=7)
    teams = db.session.scalars(select(Team.id).order_by(Team.id)).all()
    _bulk(Rotation, [{"team_id": team, "week_start": monday, "state": "draft"} for team in teams])
    categories = db.session.scalars(select(Category.id).where(Category.requires_opt_in.is_(False))
                                    .order_by(Category.severity).limit(3)).all()
    rotations = db.session.execute(select(Rotation.id, Rotation.team_id)).all()
    _bulk(Shift, [{"rotation_id": rid, "category_id": cat, "day": monday + timedelta(days=d), "minutes": 120,
                   "people": 2} for rid, _t in rotations for d in range(5) for cat in categories])
    members = {}
    for uid, team in db.session.execute(select(User.id, User.team_id).join(UserRole)
                                        .where(UserRole.role == "member")):
        members.setdefault(team, []).append(uid)
    shifts = db.session.execute(select(Shift.id, Rotation.team_id).join(Rotation)).all()
    _bulk(Assignment, [{"shift_id": sid, "user_id": members[team][(sid * 2 + k) % PER_TEAM], "pinned": False}
                       for sid, team in shifts for k in range(2)])


def build(today: date, seed: int = 7) -> dict:
    """Fill an empty database; returns what the load needs (sign-ins, rotation ids, API secrets)."""
    ensure_defaults()
    db.session.commit()
    rng = random.Random(seed)
    members = _people(today)
    rows = _history(members, today, rng)
    _rotations(today)
    secrets = [f"rw_bench{i:06d}{'x' * 30}" for i in range(TOKENS)]
    _bulk(ApiToken, [{"user_id": members[i * 5], "name": "bench", "scope": "api", "digest": _digest(s),
                      "prefix": s[:10]} for i, s in enumerate(secrets)])
    db.session.commit()
    rotations = db.session.execute(select(Rotation.id, Rotation.team_id).order_by(Rotation.id)).all()
    return {"rows": rows, "members": [f"m{t:02d}.{i:02d}@bench.rotawell" for t in range(TEAMS) for i in range(0, 25, 5)],
            "managers": [(f"boss{t:02d}@bench.rotawell", rid) for t, (rid, _team) in enumerate(rotations)],
            "hr": "hr@bench.rotawell", "tokens": secrets}
