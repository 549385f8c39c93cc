"""The member's home page: log a session, see this week against caps, dose, shifts, prompts, trends."""
from datetime import date, datetime, timedelta, timezone

from flask import render_template
from flask_login import current_user

from wellbeing.charts import dose_history_figure, score_history_figure
from wellbeing.dose import window_statuses
from wellbeing.member import bp
from wellbeing.member.forms import ExposureForm
from wellbeing.services import instrument_settings, prompts
from wellbeing.services.checkins import score_history
from wellbeing.services.exposure import dose_by_day, week_by_category
from wellbeing.services.exposure_rules import allowed_categories
from wellbeing.services.policy import member_limits
from wellbeing.services.schedule import upcoming_shifts

HISTORY_DAYS = 56


def home_page(form: ExposureForm):
    """Render the home page around `form` (fresh, or rejected with what was typed)."""
    today, now = date.today(), datetime.now(timezone.utc)
    prompts.evaluate_periodic(current_user, now)
    limits = member_limits(current_user, today)
    per_day = dose_by_day(current_user, today, HISTORY_DAYS + 6, limits)  # once: the windows and the chart
    since = today - timedelta(days=HISTORY_DAYS)
    score_figures = [(use.instrument, score_history_figure(scores, use.instrument))
                     for use in instrument_settings.in_use()
                     if (scores := score_history(current_user, since, use.instrument.id))]
    return render_template(
        "member/home.html", form=form, today=today, week=week_by_category(current_user, today),
        windows=window_statuses(per_day, today, limits), shifts=upcoming_shifts(current_user, today),
        prompts=prompts.open_prompts(current_user, now),
        dose_figure=dose_history_figure(per_day, today, limits, HISTORY_DAYS),
        score_figures=score_figures, instruments_in_use=instrument_settings.in_use())


@bp.route("/")
def home():
    """The member's day at a glance, with the quick log form."""
    return home_page(ExposureForm(categories=allowed_categories(current_user)))
