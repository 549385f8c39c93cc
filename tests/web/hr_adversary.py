"""What an adversary needs in the HR tests: colluding members who log and delete, an admin who moves
people, and a reader of every number HR is shown."""
import re
from datetime import date, timedelta

from tests import factories
from wellbeing.extensions import db
from wellbeing.services import accounts
from wellbeing.services.exposure_log import ExposureEntry, delete_exposure, log_exposure

_CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.DOTALL)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def last_week_monday(today: date) -> date:
    """The Monday of the week before `today`'s week (a closed week)."""
    return today - timedelta(days=today.weekday() + 7)


def team_of(size: int, name: str | None = None):
    """A team of `size` members; returns (team, members)."""
    team = factories.make_team(**({"name": name} if name else {}))
    members = [factories.make_user(team=team) for _ in range(size)]
    db.session.commit()
    return team, members


def log(user, category, day: date, minutes: int, today: date | None = None):
    """A member logs (or back-dates) a session through the same service the form uses."""
    return log_exposure(user, ExposureEntry(category, day, minutes, 3), "form", today or date.today())


def delete(entry) -> None:
    """A member deletes one of their own sessions."""
    delete_exposure(entry)


def move(admin, user, team) -> None:
    """An administrator moves a member to another team (the admin page's use case)."""
    accounts.update_user(admin, user, name=user.name, email=user.email, roles=sorted(user.roles), team=team,
                         active=True, hours_per_day=user.hours_per_day, hours_per_week=user.hours_per_week)


def table_numbers(html: str) -> list[float]:
    """Every number in a table cell of an HR page: what HR (and anyone HR shares a screen with) reads."""
    numbers = []
    for cell in _CELL.findall(html):
        numbers += [float(n) for n in _NUMBER.findall(re.sub(r"<[^>]+>", " ", cell))]
    return numbers


def near(numbers: list[float], target: float, tolerance: float) -> list[float]:
    """The numbers within `tolerance` of `target`."""
    return [n for n in numbers if abs(n - target) <= tolerance]


def cell_texts(html: str) -> list[str]:
    """The text of each table cell (<td>) in `html`."""
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in _CELL.findall(html)]


def everything_exported(client, team_ids: list[int], groups: list[str], weeks: int = 4) -> dict:
    """Every exposure figure HR can export with every filter: (team or None, group) -> {week: hours or None}."""
    seen = {}
    for team in [None, *team_ids]:
        for group in groups:
            text = client.get(f"/hr/export/exposure.csv?team={team or ''}&group={group}&weeks={weeks}").get_data(
                as_text=True)
            rows = [line.split(",") for line in text.strip().splitlines()[1:]]
            seen[(team, group)] = {week: None if hours == "hidden" else float(hours) for week, hours, _dose in rows}
    return seen


def victim_interval(seen: dict, week: str, categories: dict[str, str], target: tuple, known: float) -> tuple:
    """The adversary's tightest interval for a target's hours in a week, given every export and what colluders know.

    `categories` maps 'cat:<id>' to its tier group; `target` is the (team, 'cat:<id>') cell the victim logged
    in; `known` is what the colluders themselves put into that cell.
    """
    from tests.web.lp_audit import interval

    teams = sorted({team for team, _g in seen if team is not None})
    leaves = [(team, category) for team in teams for category in categories]

    def covers(cell, leaf):
        team, group = cell
        return (team is None or team == leaf[0]) and (group in ("all", leaf[1]) or categories[leaf[1]] == group)

    shown = {cell: values[week] for cell, values in seen.items() if values.get(week) is not None}
    low, high = interval(leaves, shown, covers, target, slack=0.05)  # the table shows one decimal
    return low - known, high - known
