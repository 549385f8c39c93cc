"""A realistic demo organisation: five teams of twelve, sixteen weeks of history, enough for every HR chart."""
import random
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import select
from werkzeug.security import generate_password_hash

from wellbeing.defaults import ensure_defaults
from wellbeing.extensions import db
from wellbeing.models import (Category, CategoryChoice, CheckIn, ExposureLog, FollowUpRequest, InstrumentSetting, Leave,
                              Perspective, Prompt, Team, TestingSession, User)

DEMO_PASSWORD = "rotawell-demo"
TEAMS = ("Frontier Red Team", "Trust & Safety Evals", "Multilingual Red Team", "Agentic Safety", "Policy Evals")
MEMBERS_PER_TEAM = 12
HISTORY_DAYS = 112
PATTERN_DAYS = 182  # the demo member's own six-month chart
ROLE_ACCOUNTS = (  # email, name, roles, team index
    ("member@demo.rotawell", "Maya Member", ["member"], 0),
    ("manager@demo.rotawell", "Marco Manager", ["manager"], 0),
    ("hr@demo.rotawell", "Hana HR", ["hr"], None),
    ("admin@demo.rotawell", "Ada Admin", ["admin"], None),
    ("wellbeing@demo.rotawell", "Wren Wellbeing", ["wellbeing"], None),
)
FIRST = ("Amara", "Ben", "Chen", "Dana", "Eli", "Fatima", "Gus", "Hiro", "Ines", "Jon", "Kemi", "Lars", "Mei",
         "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Vik", "Wen", "Xavi", "Yara", "Zoe",
         "Ade", "Bea", "Cyd")
LAST = ("Okafor", "Levi", "Wang", "Novak", "Haddad", "Silva", "Berg", "Tanaka", "Moreau", "Kowalski")
PERSPECTIVES = {
    "discipline": ("security", "psychology", "linguistics", "policy", "ml", "law", "social science"),
    "language": ("en", "es", "fr", "ar", "hi", "zh", "pt", "sw", "de", "ja"),
    "region": ("africa", "americas", "apac", "europe", "mena"),
}


def seed_demo(today: date, rng_seed: int = 7) -> list[tuple[str, str]]:
    """Create the demo organisation; returns (e-mail, roles) of the sign-in accounts."""
    rng = random.Random(rng_seed)
    ensure_defaults()
    db.session.add(InstrumentSetting(instrument="pcl5", enabled=True, cadence_days=30))
    password_hash = generate_password_hash(DEMO_PASSWORD)  # one hash for the shared demo password
    categories = list(db.session.scalars(select(Category)))
    teams = [Team(name=name) for name in TEAMS]
    db.session.add_all(teams)
    members = [_user(email, name, roles, teams[team] if team is not None else None, password_hash)
               for email, name, roles, team in ROLE_ACCOUNTS]
    for i in range(len(TEAMS) * MEMBERS_PER_TEAM - 1):  # Maya Member is the first of team 0
        first, last = FIRST[i % len(FIRST)], LAST[(i + 3 * (i // len(FIRST))) % len(LAST)]
        members.append(_user(f"{first.lower()}.{last.lower()}@demo.rotawell", f"{first} {last}", ["member"],
                             teams[(i + 1) % len(TEAMS)], password_hash))
    members = [m for m in members if m.has_role("member")]
    db.session.flush()
    for user in members:
        _volunteer(user, categories, today, rng)
        _history(user, categories, today, rng)
        _checkins(user, today, rng)
    for user in [members[0], *rng.sample(members[1:], 2)]:  # Maya's waits in the demo contact's inbox
        _follow_up(user)
    older = today - timedelta(days=HISTORY_DAYS)  # the demo member has six months, for her own pattern chart
    _history(members[0], categories, older, rng, days=PATTERN_DAYS - HISTORY_DAYS)
    _checkins(members[0], older, rng, days=PATTERN_DAYS - HISTORY_DAYS)
    db.session.commit()
    return [(email, ", ".join(roles)) for email, _name, roles, _team in ROLE_ACCOUNTS]


def _user(email: str, name: str, roles: list[str], team: Team | None, password_hash: str) -> User:
    user = User(email=email, name=name, team=team, hours_per_day=6, hours_per_week=20,
                password_hash=password_hash)
    user.set_roles(roles)
    db.session.add(user)
    return user


def _volunteer(user: User, categories: list[Category], today: date, rng: random.Random) -> None:
    """Perspectives, one or two opt-outs, rare opt-ins, a preference; what members tend to share."""
    for dimension, values in PERSPECTIVES.items():
        if rng.random() < 0.85:
            for value in rng.sample(values, rng.choice((1, 1, 2))):
                user.perspectives.append(Perspective(dimension=dimension, value=value))
    choices: dict[int, CategoryChoice] = {}
    for category in rng.sample(categories, 2):
        if not category.requires_opt_in and rng.random() < 0.5:
            choices[category.id] = CategoryChoice(category=category, consent="opted_out")
    for category in categories:
        if category.requires_opt_in and rng.random() < 0.3:
            choices[category.id] = CategoryChoice(category=category, consent="opted_in")
    liked = rng.choice(categories)
    choices.setdefault(liked.id, CategoryChoice(category=liked)).liking = "prefer"
    user.category_choices.extend(choices.values())
    if rng.random() < 0.2:
        start = today + timedelta(days=rng.randint(3, 20))
        user.leaves.append(Leave(start_date=start, end_date=start + timedelta(days=rng.randint(1, 5))))


def _allowed(user: User, categories: list[Category]) -> list[Category]:
    consent = {c.category_id: c.consent for c in user.category_choices}
    return [c for c in categories if consent.get(c.id) != "opted_out"
            and (not c.requires_opt_in or consent.get(c.id) == "opted_in")]


def _history(user: User, categories: list[Category], today: date, rng: random.Random,
             days: int = HISTORY_DAYS) -> None:
    """Weekday sessions over the `days` days before `today`, within the daily caps; about one in five from the timer."""
    allowed = _allowed(user, categories)
    for offset in range(days, 0, -1):
        day = today - timedelta(days=offset)
        if day.weekday() >= 5 or rng.random() < 0.35:
            continue
        for category in rng.sample(allowed, rng.choice((1, 1, 2))):
            cap = int(category.max_hours_per_day * 60)
            log = ExposureLog(user_id=user.id, category=category, day=day,
                              minutes=rng.randrange(30, min(cap, 180) + 1, 15), intensity=rng.randint(1, 5))
            log.source = "timer" if rng.random() < 0.2 else "form"
            db.session.add(log)
            if log.source == "timer":
                _timer_session(user, log)


def _timer_session(user: User, log: ExposureLog) -> None:
    """The stopped timer session behind a timer log, with the policy's breaks (10 min per hour of severe work)."""
    breaks = log.minutes // 60 if log.category.severity >= 3 else 0
    start = datetime.combine(log.day, time(9), tzinfo=timezone.utc)
    stop = start + timedelta(minutes=log.minutes + 10 * breaks)
    db.session.add(TestingSession(user_id=user.id, category=log.category, source="web", started_at=start,
                                  stopped_at=stop, breaks=breaks, break_seconds=600 * breaks, closed_by="member",
                                  exposure_log=log))


def _checkins(user: User, today: date, rng: random.Random, days: int = HISTORY_DAYS) -> None:
    """WHO-5 every two weeks (each prompted, most answered) and PCL-5 monthly, each member with their own level."""
    level = rng.uniform(1.8, 4.2)
    for offset in range(days - 2, 0, -14):
        asked = datetime.combine(today - timedelta(days=offset), time(9), tzinfo=timezone.utc)
        if rng.random() < 0.2:  # skipped: the prompt waited and was answered by the next check-in
            db.session.add(Prompt(user_id=user.id, reason="scheduled", state="answered", created_at=asked,
                                  answered_at=asked + timedelta(days=14, hours=2)))
            continue
        answers = [max(0, min(5, round(rng.gauss(level, 0.8)))) for _ in range(5)]
        moment = asked + timedelta(hours=1 + rng.randint(0, 30))
        db.session.add(Prompt(user_id=user.id, reason="scheduled", state="answered", answered_at=moment,
                              created_at=asked))
        db.session.add(CheckIn(user_id=user.id, instrument="who5", answers=answers,
                               score=sum(answers) * 4, created_at=moment))
    strain = (5 - level) / 3  # lower wellbeing goes with more symptoms, roughly
    for offset in range(days - 24, 0, -30):
        answers = [max(0, min(4, round(rng.gauss(strain, 0.9)))) for _ in range(20)]
        moment = datetime.combine(today - timedelta(days=offset), time(11), tzinfo=timezone.utc)
        db.session.add(CheckIn(user_id=user.id, instrument="pcl5", answers=answers, score=sum(answers),
                               created_at=moment))


def _follow_up(user: User) -> None:
    """One waiting request in the wellbeing contact's inbox, after the member's latest check-in."""
    db.session.flush()
    latest = db.session.scalars(select(CheckIn).where(CheckIn.user_id == user.id)
                                .order_by(CheckIn.created_at.desc()).limit(1)).one()
    db.session.add(FollowUpRequest(user_id=user.id, checkin=latest, route="phone", sent_to="wellbeing@example.org",
                                   message="Afternoons are easier for me.", created_at=latest.created_at))
