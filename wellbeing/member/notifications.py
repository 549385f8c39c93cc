"""The signed-in user's notifications (e.g. a rotation they are on was published)."""
from flask import render_template
from flask_login import current_user

from wellbeing.member import bp
from wellbeing.services.notifications import mark_all_read, recent_notifications


@bp.route("/notifications")
def notifications():
    """Your notifications, newest first; seeing the page marks them read (any role may have some)."""
    items = recent_notifications(current_user)
    page = render_template("member/notifications.html", notifications=items,
                           unread={n.id for n in items if n.read_at is None})
    mark_all_read(current_user)  # after rendering, so this visit still shows which ones were new
    return page
