"""The unread-notification count every page header can show."""
from flask import Flask
from flask_login import current_user

from wellbeing.services.notifications import unread_count


def register(app: Flask) -> None:
    """Give templates `unread_notifications`: the signed-in user's unread count, 0 when signed out."""

    @app.context_processor
    def notification_badge():
        if not getattr(current_user, "is_authenticated", False):  # None outside a request
            return {"unread_notifications": 0}
        return {"unread_notifications": unread_count(current_user)}
