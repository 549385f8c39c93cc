"""The member's home page: log a session, see this week against caps, dose, shifts, prompts, trends."""
from datetime import date, datetime, timedelta, timezone

from flask import render_template
from flask_login import current_user

from wellbeing.charts import dose_history_figure, score_history_figure, severe_hours_and_scores_figure
from wellbeing.dose import window_statuses
from wellbeing.member import bp
from wellbeing.member.forms import ExposureForm
from wellbeing.services import instrument_settings, prompts, timer
from wellbeing.services.checkins import score_history
from wellbeing.services.exposure import dose_by_day, week_by_category
from wellbeing.services.exposure_rules import allowed_categories
from wellbeing.services.own_trends import weekly_severe_hours
from wellbeing.services.policy import member_limits
from wellbeing.services.schedule import upcoming_shifts

HISTORY_DAYS = 56
PATTERN_DAYS = 182  # six months


def home_page(form: ExposureForm):
    """Render the home page around `form` (fresh, or rejected with what was typed)."""
    today, now = date.today(), datetime.now(timezone.utc)
    prompts.evaluate_periodic(current_user, now)
    timer.close_if_stale(current_user)
    limits = member_limits(current_user, today)
    per_day = dose_by_day(current_user, today, HISTORY_DAYS + 6, limits)  # once: the windows and the chart
    return render_template(
        "member/home.html", form=form, today=today, week=week_by_category(current_user, today),
        windows=window_statuses(per_day, today, limits), shifts=upcoming_shifts(current_user, today),
        prompts=prompts.open_prompts(current_user, now), running_session=timer.running(current_user),
        dose_figure=dose_history_figure(per_day, today, limits, HISTORY_DAYS),
        **_score_figures(today))


def _score_figures(today: date) -> dict:
    """Each instrument's 8-week trend, and the six-month pattern of severe hours beside every score."""
    uses = instrument_settings.in_use()
    recent, pattern = [], []
    for use in uses:
        scores = score_history(current_user, today - timedelta(days=PATTERN_DAYS), use.instrument.id)
        pattern.append((use.instrument, scores))
        last_weeks = [(d, s) for d, s in scores if d >= today - timedelta(days=HISTORY_DAYS)]
        if last_weeks:
            recent.append((use.instrument, score_history_figure(last_weeks, use.instrument)))
    weeks = weekly_severe_hours(current_user, today)
    return {"score_figures": recent, "pattern_figure": severe_hours_and_scores_figure(weeks, pattern)}


@bp.route("/")
def home():
    """The member's day at a glance, with the quick log form."""
    return home_page(ExposureForm(categories=allowed_categories(current_user)))
