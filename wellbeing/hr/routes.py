"""HR: aggregate dashboards, their CSV exports and the quarterly transparency report; nothing individual."""
import csv
import io
from datetime import date

from flask import Blueprint, Response, abort, render_template, request
from flask_login import current_user

from wellbeing.access import role_required
from wellbeing.extensions import db
from wellbeing.hr import sections
from wellbeing.services import hr_dashboard as dash
from wellbeing.services import transparency
from wellbeing.services.audit import record

bp = Blueprint("hr", __name__, url_prefix="/hr")


@bp.before_request
@role_required("hr")
def require_hr():
    """Every page here is for HR only."""


def _filters() -> dash.Filters:
    try:
        return dash.parse_filters(request.args)
    except dash.BadFilter as error:
        abort(400, description=str(error))


def _csv(name: str, columns: list[str], rows: list[list[str]], detail: str) -> Response:
    """A CSV download, audited (every HR export is recorded with what was exported)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(rows)
    record(current_user, "hr.export", detail=f"{name} {detail}")
    db.session.commit()
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="rotawell-{name}.csv"'})


@bp.route("/")
def home():
    """Every dashboard section for the chosen team, categories and period (closed periods only)."""
    filters = _filters()
    built = [sections.build(name, filters, date.today()) for name in sections.SECTIONS]
    return render_template("hr/home.html", sections=built, filters=filters, teams=dash.team_choices(),
                           groups=dash.group_choices(), periods=dash.PERIODS)


@bp.route("/export/<name>.csv")
def export(name: str):
    """One section's table exactly as on screen, as CSV."""
    if name not in sections.SECTIONS:
        abort(404, description="There is no such dashboard section.")
    filters = _filters()
    section = sections.build(name, filters, date.today())
    return _csv(name, section.columns, section.rows, str(filters.query()))


def _quarter() -> transparency.Quarter:
    quarter = transparency.parse_quarter(request.args.get("quarter"), date.today())
    if quarter is None:
        abort(400, description="Choose one of the closed quarters offered, e.g. 2026-Q3.")
    return quarter


@bp.route("/transparency")
def transparency_report():
    """The programme's figures for one closed quarter, fit for an annual report."""
    quarter = _quarter()
    figures = transparency.report(quarter, date.today())
    return render_template("hr/transparency.html", quarter=quarter, figures=figures,
                           quarters=transparency.closed_quarters(date.today()))


@bp.route("/transparency.csv")
def transparency_csv():
    """The quarterly report as CSV."""
    quarter = _quarter()
    rows = [[label, "hidden" if value is None else f"{value:.1f}", unit]
            for label, value, unit in transparency.report(quarter, date.today())]
    return _csv(f"transparency-{quarter.label}", ["Figure", "Value", "Unit"], rows, quarter.label)
