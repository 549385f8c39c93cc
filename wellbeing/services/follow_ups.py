"""Confidential follow-ups: a member asks, the wellbeing contact's inbox holds it until closed.

Only the member and holders of the `wellbeing` role ever read a request. Audit entries name the
request id and what happened to it, never who asked: administrators read the audit log.
"""
from datetime import datetime, timezone

from flask import current_app, has_request_context, url_for
from sqlalchemy import select

from wellbeing.extensions import db
from wellbeing.models import CheckIn, FollowUpRequest, User, UserRole
from wellbeing.services.audit import record
from wellbeing.services.notifications import email_message, notify, queue_mail

ANNOUNCEMENT = "A confidential follow-up request is waiting in your Rotawell inbox"


def follow_up_for(checkin: CheckIn) -> FollowUpRequest | None:
    """The follow-up the member asked for after this check-in, if any."""
    return db.session.scalar(select(FollowUpRequest).where(FollowUpRequest.checkin_id == checkin.id)
                             .order_by(FollowUpRequest.id).limit(1))


def contacts() -> list[User]:
    """The active holders of the wellbeing-contact role: the only people who read requests."""
    return list(db.session.scalars(select(User).join(UserRole).where(
        UserRole.role == "wellbeing", User.active.is_(True)).order_by(User.id)))


def request_follow_up(user: User, checkin: CheckIn, route: str, message: str | None,
                      share_answers: bool) -> tuple[FollowUpRequest, bool]:
    """File a request in the wellbeing inbox, once per check-in; returns it and whether it is new."""
    existing = follow_up_for(checkin)
    if existing is not None:
        return existing, False
    request = FollowUpRequest(user_id=user.id, checkin_id=checkin.id, route=route,
                              message=(message or "").strip() or None, share_answers=share_answers,
                              sent_to=current_app.config["WELLBEING_CONTACT"])
    db.session.add(request)
    db.session.flush()
    record(None, "followup.request", request)
    _announce(contacts())
    db.session.commit()
    return request, True


def _announce(readers: list[User]) -> None:
    # That a request waits, nothing more: no name, route, message or score leaves the inbox.
    link = url_for("wellbeing.inbox") if has_request_context() else "/wellbeing/"
    notify(readers, ANNOUNCEMENT, link)
    if not current_app.config.get("MAIL_SERVER"):
        return
    addresses = [reader.email for reader in readers] or [current_app.config["WELLBEING_CONTACT"]]
    body = (f"{ANNOUNCEMENT}.\n\nSign in to Rotawell and open the follow-up inbox to read it. "
            "This e-mail does not say who asked.\n")
    queue_mail([email_message(address, "Confidential follow-up waiting", body) for address in addresses])


def open_requests() -> list[FollowUpRequest]:
    """Requests not yet closed, oldest first: the person who has waited longest comes first."""
    return list(db.session.scalars(select(FollowUpRequest).where(FollowUpRequest.state != "closed")
                                   .order_by(FollowUpRequest.created_at, FollowUpRequest.id)))


def get_request(request_id: int) -> FollowUpRequest | None:
    """One request by id, for the wellbeing contact (the route checks the role)."""
    return db.session.get(FollowUpRequest, request_id)


def mark_contacted(actor: User, request: FollowUpRequest) -> None:
    """The contact reached the member; the member's page now says so."""
    if request.state == "received":
        request.state, request.contacted_at = "contacted", datetime.now(timezone.utc)
        record(actor, "followup.contacted", request)
        db.session.commit()


def close(actor: User, request: FollowUpRequest) -> None:
    """The follow-up is done; it leaves the inbox and is deleted after the retention period."""
    if request.state != "closed":
        request.state, request.closed_at = "closed", datetime.now(timezone.utc)
        record(actor, "followup.close", request)
        db.session.commit()
