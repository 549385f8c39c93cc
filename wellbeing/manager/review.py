"""Build the rotation review page (demand, generate, grid, doses, shortfalls, changes)."""
from flask import current_app, render_template
from sqlalchemy import select

from wellbeing.extensions import db
from wellbeing.manager.forms import GenerateForm, ReopenForm, ShiftForm
from wellbeing.models import Category, Rotation
from wellbeing.scheduling import team_members, week_days
from wellbeing.services.rotation_review import (changes_since_last_solve, member_rows, named_exclusions,
                                                PerspectiveLookup)
from wellbeing.services.solving import active_job, latest_job, queue_position


def review_page(rotation: Rotation, shift: ShiftForm | None = None, generate: GenerateForm | None = None,
                reopen: ReopenForm | None = None):
    """Render the review page; forms passed in come back with their errors and what was typed."""
    days = week_days(rotation.week_start)
    categories = db.session.scalars(select(Category).order_by(Category.severity.desc(), Category.name)).all()
    if generate is None:
        generate = GenerateForm(formdata=None, time_limit_s=current_app.config["SOLVER_TIME_LIMIT_S"])
    added, removed = changes_since_last_solve(rotation)
    return render_template(
        "manager/rotation.html", rotation=rotation, days=days, rows=member_rows(rotation),
        members=team_members(rotation),
        shift_form=shift or ShiftForm(formdata=None, categories=categories, days=days),
        generate_form=generate, reopen_form=reopen or ReopenForm(formdata=None),
        job=active_job(rotation) or latest_job(rotation), queue_position=queue_position, perspectives=PerspectiveLookup(rotation),
        exclusions=named_exclusions, added=added, removed=removed)
