"""The week's demand as one grid (categories x days, hours and people), read and saved in one request."""
from decimal import Decimal, InvalidOperation

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from wellbeing.extensions import db
from wellbeing.manager import bp
from wellbeing.manager.access import own_rotation_or_404
from wellbeing.models import Category, Rotation
from wellbeing.scheduling import week_days
from wellbeing.services import rotations


def _categories():
    return db.session.scalars(select(Category).order_by(Category.severity.desc(), Category.name)).all()


def current_cells(rotation: Rotation) -> dict[str, str]:
    """The grid's inputs as the week stands: 'h-<category>-<weekday>' (hours) and 'p-...' (people)."""
    values: dict[str, str] = {}
    for s in rotation.shifts:
        key = f"{s.category_id}-{s.day.weekday()}"
        values.setdefault(f"h-{key}", f"{s.minutes / 60:g}")
        values.setdefault(f"p-{key}", str(s.people))
    return values


def _cell(raw_hours: str, raw_people: str, where: str) -> tuple[tuple[int, int] | None, str | None]:
    """One cell's (minutes, people), None when empty, or the error naming the cell."""
    if not raw_hours and not raw_people:
        return None, None
    try:
        hours, people = Decimal(raw_hours or "x"), int(raw_people or "x")
    except (InvalidOperation, ValueError):
        return None, f"{where}: give both hours and people as numbers, or leave both empty."
    if not Decimal("0.25") <= hours <= 12 or (hours * 4) % 1:
        return None, f"{where}: hours must be quarter hours between 0.25 and 12 (not {raw_hours})."
    if not 1 <= people <= 50:
        return None, f"{where}: people must be between 1 and 50 (not {raw_people})."
    return (int(hours * 60), people), None


def parse_cells(form, categories, days) -> tuple[dict[tuple[int, int], tuple[int, int] | None], list[str]]:
    """Every cell of the posted grid as {(category id, weekday): (minutes, people) or None}, and the errors."""
    cells, errors = {}, []
    for c in categories:
        for d in days:
            key = f"{c.id}-{d.weekday()}"
            value, error = _cell(form.get(f"h-{key}", "").strip(), form.get(f"p-{key}", "").strip(),
                                 f"{c.name}, {d.strftime('%a %d %b')}")
            cells[(c.id, d.weekday())] = value
            if error:
                errors.append(error)
    return cells, errors


@bp.route("/rotations/<int:rotation_id>/demand", methods=["GET", "POST"])
def demand_grid(rotation_id: int):
    """The whole week's demand in one grid; a bad cell is named and nothing is saved."""
    rotation = own_rotation_or_404(rotation_id)
    categories, days = _categories(), week_days(rotation.week_start)
    values, errors = current_cells(rotation), []
    if request.method == "POST":
        cells, errors = parse_cells(request.form, categories, days)
        values = {k: v for k, v in request.form.items() if k[:2] in ("h-", "p-")}
        if not errors:
            try:
                changed = rotations.set_demand(current_user, rotation, cells)
            except rotations.RotationError as error:
                flash(str(error), "error")
            else:
                flash(f"Demand saved ({changed} cells changed).", "success")
                return redirect(url_for("manager.rotation", rotation_id=rotation.id) + "#demand")
    return render_template("manager/demand_grid.html", rotation=rotation, categories=categories, days=days,
                           values=values, errors=errors), (422 if errors else 200)
