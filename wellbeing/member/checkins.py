"""Check-ins: the questionnaire, the member's own history and results, follow-ups and prompts.

Every lookup goes through the member's own rows: another person's check-in or prompt id is a
404, exactly like an id that does not exist, so nobody can even learn that it exists.
"""
from datetime import date, datetime, timezone

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import Length, Optional

from wellbeing import instruments
from wellbeing.lookup import own_or_404
from wellbeing.member import bp
from wellbeing.member.follow_up_form import FollowUpForm
from wellbeing.models import CheckIn, Prompt
from wellbeing.services import checkins, follow_ups, instrument_settings, prompts, resources
from wellbeing.services.consented_load import MAX_PAUSE_WEEKS, paused_until
from wellbeing.services.exposure_rules import allowed_categories
from wellbeing.services.policy import is_reduced


class CheckInForm(FlaskForm):
    """The free-text part of a check-in; the instrument itself reads and checks the answers."""

    note = TextAreaField("Private note (optional)", validators=[
        Optional(), Length(max=2000, message="Keep the note under 2,000 characters.")])


def _own_checkin_or_404(checkin_id: int, lock: bool = False):
    return own_or_404(CheckIn, checkin_id, noun="check-in", lock=lock)


@bp.route("/checkin", methods=["GET", "POST"], defaults={"instrument_id": instruments.DEFAULT})
@bp.route("/checkin/<instrument_id>", methods=["GET", "POST"])
def checkin(instrument_id: str):
    """Answer the questionnaire; a rejected form writes nothing and keeps what was chosen and typed.

    A second check-in the same day is shown back with the answers kept, and replaces the first
    only when the member confirms (409 until then).
    """
    instrument = instrument_settings.usable(instrument_id)
    if instrument is None:
        abort(404, description=f"There is no check-in questionnaire called {instrument_id!r} in use here.")
    form, errors, same_day = CheckInForm(), {}, None
    if form.is_submitted():
        try:
            answers = instrument.parse(request.form)
        except instruments.AnswerError as error:
            errors = error.errors
        if form.validate() and not errors:
            try:
                saved = checkins.record_checkin(current_user, instrument, answers, form.note.data,
                                                replace=request.form.get("replace") == "yes")
                return redirect(url_for("member.checkin_result", checkin_id=saved.id))
            except checkins.SameDayCheckIn as conflict:
                same_day = conflict.existing
    return render_template("member/checkin.html", instrument=instrument, form=form, errors=errors,
                           same_day=same_day, chosen=request.form if form.is_submitted() else {}), \
        409 if same_day else 200


@bp.route("/checkins")
def checkins_list():
    """The member's own scores per instrument, newest first, each with the change since the one before."""
    groups = []
    for use in instrument_settings.settings():
        rows = checkins.history(current_user, use.instrument.id)
        if rows or use.enabled:
            changes = [row.score - older.score for row, older in zip(rows, rows[1:])] + [None]
            groups.append((use, list(zip(rows, changes))))
    return render_template("member/checkins.html", groups=groups, assess=checkins.assessment)


@bp.route("/checkins/<int:checkin_id>")
def checkin_result(checkin_id: int):
    """One of the member's check-ins: score, what it suggests, support, and the follow-up offer."""
    return _result_page(_own_checkin_or_404(checkin_id), FollowUpForm())


def _result_page(checkin, follow_up_form: FollowUpForm, status: int = 200):
    threshold, today = checkins.assessment(checkin), date.today()
    return render_template("member/checkin_result.html", checkin=checkin, threshold=threshold,
                           instrument=checkins.instrument_of(checkin), form=follow_up_form,
                           reduced_now=is_reduced(current_user, today), categories=allowed_categories(current_user),
                           paused=paused_until(current_user, today, today),
                           resources=resources.for_threshold(threshold) if threshold else [],
                           follow_up=follow_ups.follow_up_for(checkin), max_pause_weeks=MAX_PAUSE_WEEKS), status


@bp.route("/checkins/<int:checkin_id>/follow-up", methods=["POST"])
def request_follow_up(checkin_id: int):
    """File a confidential follow-up in the wellbeing inbox; only ever when the member presses it."""
    checkin = _own_checkin_or_404(checkin_id, lock=True)
    form = FollowUpForm()
    if not form.validate():
        return _result_page(checkin, form, 422)
    follow_up, new = follow_ups.request_follow_up(current_user, checkin, form.route.data, form.message.data,
                                                  form.share_answers.data)
    if new:
        flash("Your request was received. The wellbeing contact will get in touch in confidence; "
              "your manager is not told.", "success")
    else:
        flash("You already asked for a follow-up after this check-in, on "
              f"{prompts.as_utc(follow_up.created_at):%d %B %Y at %H:%M} UTC.", "info")
    return redirect(url_for("member.checkin_result", checkin_id=checkin.id))


@bp.route("/prompts/<int:prompt_id>/snooze", methods=["POST"])
def snooze_prompt(prompt_id: int):
    """Put a check-in reminder away for a day."""
    prompt = own_or_404(Prompt, prompt_id, noun="check-in reminder")
    prompts.snooze(prompt, datetime.now(timezone.utc))
    flash("Reminder snoozed for a day.", "info")
    return redirect(url_for("member.home"))
