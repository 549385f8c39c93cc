"""What HR's dashboards show: cells of frozen releases only, selected by the filters, never computed anew.

Filters only choose among released cells (a team or the organisation, a group, a span of periods), so
narrowing or combining them cannot produce a number that disclosure control did not approve.
"""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from wellbeing.extensions import db
from wellbeing.models import Category, Release, ReleasedCell, Team
from wellbeing.services import releases
from wellbeing.services.release_metrics import BANDS, SUPPORT

PERIODS = {"4": 4, "12": 12, "26": 26, "52": 52}  # weeks shown; months shown are a quarter of them, at least 3
BAND_LABELS = {"lt50": "below 50%", "50to75": "50–75%", "75to100": "75–100%", "atlimit": "at the limit"}
SUPPORT_LABELS = {"prompts_raised": "Check-in prompts raised", "prompts_answered": "Prompts answered",
                  "followups": "Follow-up requests"}
CHECKIN_LABELS = {"participation": "Participation (%)", "who5_mean": "Mean WHO-5",
                  "share_low": "Share at or below 50 (%)"}


class BadFilter(ValueError):
    """A filter value that names no team, group or period; the message says which."""


@dataclass(frozen=True)
class Filters:
    """The dashboard's filters: team (None = whole organisation), exposure group and period in weeks."""

    team_id: int | None
    group: str
    weeks: int

    def months(self) -> int:
        return max(3, self.weeks // 4)

    def query(self) -> dict:
        return {"team": self.team_id or "", "group": self.group, "weeks": self.weeks}


def parse_filters(args) -> Filters:
    """Filters from the query string, each checked against what exists."""
    team = args.get("team", "") or None
    if team is not None and (not team.isdigit() or db.session.get(Team, int(team)) is None):
        raise BadFilter("Choose a team from the list (or the whole organisation).")
    group = args.get("group", "all")
    if group not in dict(group_choices()):
        raise BadFilter("Choose a severity tier or category from the list.")
    weeks = args.get("weeks", "12")
    if weeks not in PERIODS:
        raise BadFilter(f"Choose a period of {', '.join(PERIODS)} weeks.")
    return Filters(int(team) if team else None, group, PERIODS[weeks])


def group_choices() -> list[tuple[str, str]]:
    """'All categories', each severity tier present, then each category."""
    categories = db.session.execute(select(Category.id, Category.name, Category.severity)
                                    .order_by(Category.severity.desc(), Category.name)).all()
    tiers = sorted({sev for _i, _n, sev in categories}, reverse=True)
    return ([("all", "All categories")] + [(f"tier:{s}", f"Severity tier {s}") for s in tiers]
            + [(f"cat:{i}", name) for i, name, _s in categories])


def team_choices() -> list[tuple[int, str]]:
    return list(db.session.execute(select(Team.id, Team.name).order_by(Team.name)).all())


def cells(metric: str, starts: list[date], team_id: int | None, groups: list[str],
          measures: list[str]) -> dict[tuple[date, str, str], float | None]:
    """Released values keyed (period, group, measure); a hidden cell is None, an unreleased one absent."""
    team = ReleasedCell.team_id.is_(None) if team_id is None else ReleasedCell.team_id == team_id
    rows = db.session.execute(
        select(Release.period_start, ReleasedCell.grp, ReleasedCell.measure, ReleasedCell.value)
        .join(Release, Release.id == ReleasedCell.release_id)
        .where(Release.metric == metric, Release.period_start.in_(starts), team,
               ReleasedCell.grp.in_(groups), ReleasedCell.measure.in_(measures)))
    return {(start, grp, measure): value for start, grp, measure, value in rows}


def exposure(filters: Filters, today: date) -> tuple[list[date], dict]:
    """Weekly hours and dose for the chosen team and group."""
    weeks = releases.closed_weeks(today, filters.weeks)
    releases.ensure_released("exposure", weeks, today)
    return weeks, cells("exposure", weeks, filters.team_id, [filters.group], ["hours", "dose"])


def exposure_by_team(filters: Filters, weeks: list[date]) -> list[tuple[str, list[float | None]]]:
    """Hours of the chosen group per team and week (already released by `exposure`)."""
    found = db.session.execute(  # every team's cells in one query, not one per team
        select(ReleasedCell.team_id, Release.period_start, ReleasedCell.value)
        .join(Release, Release.id == ReleasedCell.release_id)
        .where(Release.metric == "exposure", Release.period_start.in_(weeks), ReleasedCell.team_id.is_not(None),
               ReleasedCell.grp == filters.group, ReleasedCell.measure == "hours"))
    values = {(team_id, start): value for team_id, start, value in found}
    return [(name, [values.get((team_id, w)) for w in weeks]) for team_id, name in team_choices()]


def bands(filters: Filters, today: date) -> tuple[list[date], dict]:
    """People per band of their 7- and 28-day limits, per week, for the chosen team."""
    weeks = releases.closed_weeks(today, filters.weeks)
    releases.ensure_released("bands", weeks, today)
    groups = [f"w{w}:{b}" for w in (7, 28) for b in BANDS]
    return weeks, cells("bands", weeks, filters.team_id, groups, ["people"])


def checkins(filters: Filters, today: date) -> tuple[list[date], dict]:
    """Monthly participation, mean WHO-5 and share at or below 50 for the chosen team."""
    months = releases.closed_months(today, filters.months())
    releases.ensure_released("checkins", months, today)
    return months, cells("checkins", months, filters.team_id, ["all"], list(CHECKIN_LABELS))


def support(filters: Filters, today: date) -> tuple[list[date], dict]:
    """Monthly prompts raised and answered and follow-up requests for the chosen team."""
    months = releases.closed_months(today, filters.months())
    releases.ensure_released("support", months, today)
    return months, cells("support", months, filters.team_id, ["all"], list(SUPPORT))


def marked_changes(values: list[float | None], threshold: float = 10) -> list[bool]:
    """True where a shown value moved by `threshold` or more from the previous shown one (WHO-5's meaningful change)."""
    marks, previous = [], None
    for value in values:
        marks.append(value is not None and previous is not None and abs(value - previous) >= threshold)
        previous = value if value is not None else previous
    return marks
