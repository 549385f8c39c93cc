"""The dashboard's sections: one table and one chart each, from the same released cells.

The CSV export of a section writes exactly its table, so what is exported is what is on screen.
"""
from dataclasses import dataclass, field
from datetime import date

from wellbeing.hr import figures
from wellbeing.services import hr_dashboard as dash
from wellbeing.services.release_metrics import BANDS, SUPPORT

HIDDEN = "hidden"
SECTIONS = ("exposure", "teams", "bands", "checkins", "support")


@dataclass
class Section:
    """A titled table (header row + rows of text) and the Plotly figure drawn from it."""

    name: str
    title: str
    note: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    figure: dict | None = None


def _text(value: float | None, unit: str = "") -> str:
    return HIDDEN if value is None else f"{value:.1f}{unit}"


def build(name: str, filters: dash.Filters, today: date) -> Section:
    """One section for the filters; releases any closed period it needs first."""
    return {"exposure": _exposure, "teams": _teams, "bands": _bands, "checkins": _checkins,
            "support": _support}[name](filters, today)


def _exposure(filters, today) -> Section:
    weeks, values = dash.exposure(filters, today)
    hours = [values.get((w, filters.group, "hours")) for w in weeks]
    dose = [values.get((w, filters.group, "dose")) for w in weeks]
    section = Section("exposure", "Exposure hours and severity-weighted dose per week",
                      "The trend of the chosen team (or the whole organisation) and categories.",
                      ["Week of", "Hours", "Dose"],
                      [[w.isoformat(), _text(h), _text(d)] for w, h, d in zip(weeks, hours, dose)])
    section.figure = figures.lines(weeks, {"Hours": hours, "Dose": dose}, "Hours and dose per week")
    return section


def _teams(filters, today) -> Section:
    weeks, _values = dash.exposure(filters, today)
    rows = dash.exposure_by_team(filters, weeks)
    section = Section("teams", "Exposure hours per team", "The chosen categories, every team, week by week.",
                      ["Team", *(w.isoformat() for w in weeks)],
                      [[name, *(_text(v) for v in values)] for name, values in rows])
    section.figure = figures.heatmap(weeks, rows, "Hours per team and week")
    return section


def _bands(filters, today) -> Section:
    weeks, values = dash.bands(filters, today)
    columns = ["Week of"] + [f"{w}-day: {dash.BAND_LABELS[b]}" for w in (7, 28) for b in BANDS]
    rows = [[w.isoformat(), *(_count(values.get((w, f"w{n}:{b}", "people"))) for n in (7, 28) for b in BANDS)]
            for w in weeks]
    series = {f"{dash.BAND_LABELS[b]} (7-day)": [values.get((w, f"w7:{b}", "people")) for w in weeks] for b in BANDS}
    section = Section("bands", "People in each band of their dose limits",
                      "Members of the team at the end of each week, by their 7- and 28-day dose against their limits.",
                      columns, rows)
    section.figure = figures.stacked(weeks, series, "People per band of the 7-day limit")
    return section


def _count(value: float | None) -> str:
    return HIDDEN if value is None else str(int(value))


def _checkins(filters, today) -> Section:
    months, values = dash.checkins(filters, today)
    series = {label: [values.get((m, "all", key)) for m in months] for key, label in dash.CHECKIN_LABELS.items()}
    marks = dash.marked_changes(series["Mean WHO-5"])
    rows = [[m.strftime("%Y-%m"), *(_text(series[label][i]) for label in series), "yes" if marks[i] else ""]
            for i, m in enumerate(months)]
    section = Section("checkins", "Check-ins per month",
                      "Participation, mean WHO-5 score and the share at or below 50; a change of 10 points or "
                      "more in the mean (WHO-5's meaningful change) is marked.",
                      ["Month", *series, "Changed by 10 or more"], rows)
    section.figure = figures.lines(months, series, "Check-ins per month", marks=("Mean WHO-5", marks))
    return section


def _support(filters, today) -> Section:
    months, values = dash.support(filters, today)
    series = {dash.SUPPORT_LABELS[k]: [values.get((m, "all", k)) for m in months] for k in SUPPORT}
    section = Section("support", "Support offered and used", "Counts only, per month.",
                      ["Month", *series],
                      [[m.strftime("%Y-%m"), *(_count(series[s][i]) for s in series)] for i, m in enumerate(months)])
    section.figure = figures.bars(months, series, "Support per month")
    return section
