"""The quarterly transparency report: the programme's organisation-wide figures for one closed quarter.

Every figure is a sum or mean of released, shown organisation cells of the quarter's weeks and months
(a week belongs to the quarter its Monday falls in), so it adds nothing disclosure control has not
already released; if any cell it needs is hidden, the figure is hidden too.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from wellbeing.extensions import db
from wellbeing.models import Release, ReleasedCell
from wellbeing.services import releases


@dataclass(frozen=True)
class Quarter:
    """A calendar quarter, e.g. 2026-Q3."""

    year: int
    number: int

    @property
    def label(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def first(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last(self) -> date:
        nxt = Quarter(self.year + self.number // 4, self.number % 4 + 1).first
        return nxt - timedelta(days=1)


def closed_quarters(today: date, count: int = 4) -> list[Quarter]:
    """The `count` most recent quarters that have ended, newest first."""
    quarter = Quarter(today.year, (today.month - 1) // 3 + 1)
    result = []
    for _ in range(count):
        quarter = Quarter(quarter.year - (quarter.number == 1), (quarter.number - 2) % 4 + 1)
        result.append(quarter)
    return result


def parse_quarter(text: str | None, today: date) -> Quarter | None:
    """The closed quarter named like '2026-Q3', or None when it is not one of the offered quarters."""
    offered = {q.label: q for q in closed_quarters(today)}
    return offered.get(text or closed_quarters(today)[0].label)


def _periods(quarter: Quarter) -> tuple[list[date], list[date]]:
    first_monday = quarter.first + timedelta(days=(7 - quarter.first.weekday()) % 7)
    weeks = [first_monday + timedelta(weeks=i) for i in range(14) if first_monday + timedelta(weeks=i) <= quarter.last]
    months = [date(quarter.year, quarter.first.month + i, 1) for i in range(3)]
    return weeks, months


def _sum(metric: str, starts: list[date], groups: list[str], measure: str, mean: bool = False) -> float | None:
    """Sum (or mean) of shown organisation cells; None when any of them is hidden or none exists."""
    value = func.avg(ReleasedCell.value) if mean else func.sum(ReleasedCell.value)
    total, shown, cells = db.session.execute(
        select(value, func.count(ReleasedCell.value), func.count(ReleasedCell.id))
        .join(Release, Release.id == ReleasedCell.release_id)
        .where(Release.metric == metric, Release.period_start.in_(starts), ReleasedCell.team_id.is_(None),
               ReleasedCell.grp.in_(groups), ReleasedCell.measure == measure)).one()
    return None if not cells or shown < cells else float(total)


def report(quarter: Quarter, today: date) -> list[tuple[str, float | None, str]]:
    """(figure, value or None when hidden, unit) for the quarter, releasing its periods first."""
    weeks, months = _periods(quarter)
    for metric in releases.WEEKLY:
        releases.ensure_released(metric, weeks, today)
    for metric in releases.MONTHLY:
        releases.ensure_released(metric, months, today)
    member_weeks = _sum("bands", weeks, ["w7:all"], "people")
    at_limit = _sum("bands", weeks, ["w7:atlimit"], "people")
    honoured = None if member_weeks is None or at_limit is None or not member_weeks else \
        100 * (member_weeks - at_limit) / member_weeks
    return [
        ("Exposure hours, all categories", _sum("exposure", weeks, ["all"], "hours"), "h"),
        ("Exposure hours, severity tiers 3 and 4", _sum("exposure", weeks, ["tier:3", "tier:4"], "hours"), "h"),
        ("Member-weeks below the 7-day dose limit", honoured, "%"),
        ("Check-in participation (monthly mean)", _sum("checkins", months, ["all"], "participation", mean=True), "%"),
        ("Mean WHO-5 score (monthly mean)", _sum("checkins", months, ["all"], "who5_mean", mean=True), ""),
        ("Check-in prompts raised", _sum("support", months, ["all"], "prompts_raised"), ""),
        ("Check-in prompts answered", _sum("support", months, ["all"], "prompts_answered"), ""),
        ("Confidential follow-up requests", _sum("support", months, ["all"], "followups"), ""),
    ]
