"""The wellbeing contact's inbox: nobody without the `wellbeing` role, admins included, opens any page here."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from wellbeing import instruments
from wellbeing.services import follow_ups
from wellbeing.services.audit import record_view

bp = Blueprint("wellbeing", __name__, url_prefix="/wellbeing")
# Who may open each page here: wellbeing/policy_table.py (checked before every request).


def _request_or_404(request_id: int):
    request = follow_ups.get_request(request_id)
    if request is None:
        abort(404, description=f"There is no follow-up request with id {request_id}.")
    return request


@bp.route("/")
def inbox():
    """Requests still open, the longest-waiting first."""
    return render_template("wellbeing/inbox.html", requests=follow_ups.open_requests())


@bp.route("/requests/<int:request_id>")
def request_detail(request_id: int):
    """One request: who, how to reach them, their message; answers only when the member shared them."""
    request = _request_or_404(request_id)
    shared = request.checkin if request.share_answers and request.checkin else None
    record_view(current_user, "followup", request)
    return render_template("wellbeing/request.html", request=request, shared=shared,
                           instrument=instruments.load(shared.instrument) if shared else None)


@bp.route("/requests/<int:request_id>/contacted", methods=["POST"])
def mark_contacted(request_id: int):
    """Record that the member was reached; they see 'contacted' on their page."""
    follow_ups.mark_contacted(current_user, _request_or_404(request_id))
    flash("Marked as contacted.", "success")
    return redirect(url_for("wellbeing.request_detail", request_id=request_id))


@bp.route("/requests/<int:request_id>/close", methods=["POST"])
def close(request_id: int):
    """Close a finished follow-up; it leaves the inbox and is deleted after the retention period."""
    follow_ups.close(current_user, _request_or_404(request_id))
    flash("Follow-up closed.", "success")
    return redirect(url_for("wellbeing.inbox"))
