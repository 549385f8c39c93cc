"""What each release holds: its cells, built from release_sources and hidden by wellbeing.disclosure."""
from collections import defaultdict
from datetime import date

from sqlalchemy import select

from scheduler.dose import effective_limits
from wellbeing.disclosure import (
    ORG,
    Rules,
    Table,
    build_table,
    protect,
    protect_together,
)
from wellbeing.extensions import db
from wellbeing.models import Category, Team
from wellbeing.services import release_sources as sources
from wellbeing.services.policy import current_policy, team_limits

BANDS = ("lt50", "50to75", "75to100", "atlimit")
SUPPORT = ("prompts_raised", "prompts_answered", "followups")
POOR_WHO5 = 50

Cells = dict[tuple[int | None, str, str], tuple[float, str | None]]


def compute(metric: str, start: date, end: date, rules: Rules) -> Cells:
    """Every cell of one release: (team or None, group, measure) -> (value, reason hidden or None)."""
    teams = list(db.session.scalars(select(Team.id).order_by(Team.id)))
    return {"exposure": _exposure, "bands": _bands, "checkins": _checkins, "support": _support,
            "rotation": _rotation}[metric](
        start, end, rules, teams)


def _weights() -> dict[int, float]:
    policy = current_policy()
    return {s: policy.weight(s) for s in range(1, 5)}


def _exposure(start, end, rules, teams) -> Cells:
    categories = db.session.execute(select(Category.id, Category.severity)).all()
    parents = {f"cat:{cid}": f"tier:{sev}" for cid, sev in categories}
    parents.update({f"tier:{sev}": "all" for _cid, sev in categories})
    groups = [*parents, "all"]
    hours, dose = sources.exposure(start, end, _weights())
    tables = {m: build_table("magnitude", base, parents, teams, groups) for m, base in
              (("hours", hours), ("dose", dose))}
    hidden = protect_together(list(tables.values()), rules)
    return {(t, g, m): (table.value((t, g)), hidden[(t, g)]) for m, table in tables.items() for (t, g) in table.cells}


def band_of(dose: float, limit: float) -> str:
    """Which band of their limit a member's dose sits in."""
    share = dose / limit if limit else 1.0
    return "lt50" if share < 0.5 else "50to75" if share < 0.75 else "75to100" if share < 1.0 else "atlimit"


def _bands(start, end, rules, teams) -> Cells:
    policy = current_policy()
    reduced = sources.reduced_members(start)
    base: dict = {}
    limits = {flag: effective_limits(team_limits(policy), {}, flag) for flag in (False, True)}
    for team_id, members in sources.window_doses(end, _weights()).items():
        for user_id, doses in members.items():
            own = limits[user_id in reduced]
            for window, dose, limit in ((7, doses[0], own.max_dose_7d), (28, doses[1], own.max_dose_28d)):
                base.setdefault((team_id, f"w{window}:{band_of(dose, limit)}"), {})[user_id] = 1.0
    parents = {f"w{w}:{b}": f"w{w}:all" for w in (7, 28) for b in BANDS}
    table = build_table("count", base, parents, teams, [*parents, "w7:all", "w28:all"])
    hidden = protect(table, rules)
    return {(t, g, "people"): (table.value((t, g)), hidden[(t, g)]) for (t, g) in table.cells}


def _checkins(start, end, rules, teams) -> Cells:
    scores = sources.checkin_scores(start, end)
    score_table = build_table("magnitude", scores, {}, teams, ["all"])
    split: dict = defaultdict(dict)
    for (team_id, _g), people in scores.items():
        for user_id, score in people.items():
            split[(team_id, "low" if score <= POOR_WHO5 else "ok")][user_id] = 1.0
    counts = build_table("count", split, {"low": "all", "ok": "all"}, teams, ["low", "ok", "all"])
    mean_hidden, count_hidden = protect(score_table, rules), protect(counts, rules)
    heads = sources.headcount(end)
    cells: Cells = {}
    for team in [*teams, ORG]:
        n = counts.value((team, "all"))
        members = sum(heads.values()) if team is ORG else heads.get(team, 0)
        cells[(team, "all", "participation")] = (_share(n, members), count_hidden[(team, "all")])
        cells[(team, "all", "who5_mean")] = (score_table.value((team, "all")) / n if n else 0.0,
                                             mean_hidden[(team, "all")] or ("threshold" if not n else None))
        low_hidden = count_hidden[(team, "low")] or count_hidden[(team, "ok")]
        cells[(team, "all", "share_low")] = (_share(counts.value((team, "low")), n),
                                             low_hidden or ("threshold" if not n else None))
    return cells


def _share(part: float, whole: float) -> float:
    return min(100.0, 100.0 * part / whole) if whole else 0.0


def _support(start, end, rules, teams) -> Cells:
    cells: Cells = {}
    for measure in SUPPORT:
        table: Table = build_table("magnitude", sources.events(measure, start, end), {}, teams, ["all"])
        hidden = protect(table, rules)
        cells.update({(t, g, measure): (table.value((t, g)), hidden[(t, g)]) for (t, g) in table.cells})
    return cells


def _rotation(start, end, rules, teams) -> Cells:
    """Rotation health: unmet demand (plans, not people), weeks published early, recovery days, concentration."""
    unmet, published = sources.unmet_and_published(start)
    totals: dict = defaultdict(float)
    for (team, group), hours in unmet.items():
        for key in ((team, group), (team, "all"), (ORG, group), (ORG, "all")):
            totals[key] += hours
    cells: Cells = {(t, g, "unmet_hours"): (v, None) for (t, g), v in totals.items()}
    for team in teams:
        cells[(team, "all", "published_early")] = (100.0 if published.get(team) else 0.0, None)
    cells[(ORG, "all", "published_early")] = (_share(sum(published.values()), len(published) or 0), None)
    members = sources.severe_days_and_hours(start, end)
    cells.update(_recovery(members, current_policy().min_recovery_days, rules, teams))
    cells.update(_concentration(members, rules, teams))
    return cells


def _recovery(members, recovery_days: int, rules, teams) -> Cells:
    base: dict = defaultdict(dict)
    for team_id, people in members.items():
        for user_id, (days, _hours) in people.items():
            base[(team_id, "kept" if 7 - days >= recovery_days else "missed")][user_id] = 1.0
    table = build_table("count", base, {"kept": "all", "missed": "all"}, teams, ["kept", "missed", "all"])
    hidden = protect(table, rules)
    cells: Cells = {}
    for team in [*teams, ORG]:
        reason = hidden[(team, "kept")] or hidden[(team, "missed")]
        n = table.value((team, "all"))
        cells[(team, "all", "recovery_kept")] = (_share(table.value((team, "kept")), n),
                                                 reason or ("threshold" if not n else None))
    return cells


def _concentration(members, rules, teams) -> Cells:
    """Share of severe hours carried by the most-exposed 20%; both that group and the rest must pass the rules."""
    cells: Cells = {}
    everyone: dict[int, float] = {}
    for team in [*teams, ORG]:
        people = everyone if team is ORG else {u: h for u, (_d, h) in members.get(team, {}).items()}
        if team is not ORG:
            everyone.update(people)
        ranked = sorted(people.items(), key=lambda item: -item[1])
        top = max(1, -(-len(ranked) // 5))
        heavy, rest = dict(ranked[:top]), dict(ranked[top:])
        total = sum(people.values())
        reason = (rules.reason(heavy) or rules.reason(rest) or
                  ("threshold" if len(heavy) < rules.minimum or len(rest) < rules.minimum or not total else None))
        cells[(team, "all", "concentration")] = (100 * sum(heavy.values()) / total if total else 0.0, reason)
    return cells
