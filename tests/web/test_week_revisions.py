"""Changes are told: reopening says the week is being revised, republishing tells exactly the members whose
shifts changed, and the calendar cancels or updates the same events."""
from icalendar import Calendar
from sqlalchemy import select

from tests import factories
from wellbeing.extensions import db
from wellbeing.models import Notification
from wellbeing.services.tokens import create_token


def _post(client, path, **data):
    return client.post(path, data=data, follow_redirects=True).get_data(as_text=True)


def _told(user) -> list[str]:
    return list(db.session.scalars(select(Notification.message).where(Notification.user_id == user.id)
                                   .order_by(Notification.id)))


def _events(client, secret) -> dict[str, tuple[str, int]]:
    calendar = Calendar.from_ical(client.get(f"/calendar/{secret}.ics").data)
    return {str(e["UID"]): (str(e["STATUS"]), int(e["SEQUENCE"])) for e in calendar.walk("VEVENT")}


def _as_member(client, user):
    client.post("/logout")
    client.post("/login", data={"email": user.email, "password": factories.PASSWORD})
    return client.get("/").get_data(as_text=True)


def test_reopen_and_republish_tell_exactly_the_members_whose_shifts_changed(client, solved):
    rotation, people, _violence, _bias = solved
    on_grid = {a.user_id for s in rotation.shifts for a in s.assignments}
    leaving_shift = rotation.shifts[0]
    leaving = next(p for p in people if p.id == leaving_shift.assignments[0].user_id)
    stays = [p for p in people if p.id in on_grid and p.id != leaving.id]
    secret = create_token(leaving, "phone", scope="calendar")[1]
    db.session.commit()
    assert "Published. " in _post(client, f"/manager/rotations/{rotation.id}/publish")
    assert all(len(_told(p)) == (1 if p.id in on_grid else 0) for p in people)
    uid = f"shift-{leaving_shift.id}-member-{leaving.id}@rotawell"
    assert _events(client, secret)[uid] == ("CONFIRMED", 0)

    page = _post(client, f"/manager/rotations/{rotation.id}/reopen", reason="Ada is ill on Monday")
    assert f"Reopened. {len(on_grid)} members were told" in page
    assert all("being revised" in _told(p)[-1] for p in people if p.id in on_grid)
    _post(client, f"/manager/shifts/{leaving_shift.id}/assignments", user_id=leaving.id, action="remove")
    counts = {p.id: len(_told(p)) for p in people}
    assert _events(client, secret)[uid] == ("CONFIRMED", 0)  # a draft change is not news yet

    assert "Published. 1 members were notified." in _post(client, f"/manager/rotations/{rotation.id}/publish")
    assert "changed" in _told(leaving)[-1] and len(_told(leaving)) == counts[leaving.id] + 1
    assert all(len(_told(p)) == counts[p.id] for p in people if p.id != leaving.id)
    assert _events(client, secret)[uid] == ("CANCELLED", 1)

    _post(client, f"/manager/rotations/{rotation.id}/reopen", reason="Ada is back")
    _post(client, f"/manager/shifts/{leaving_shift.id}/assignments", user_id=leaving.id, action="pin")
    _post(client, f"/manager/rotations/{rotation.id}/publish")
    assert _events(client, secret)[uid] == ("CONFIRMED", 2)  # same event, updated, not a duplicate
    assert stays and all(len(_told(p)) == counts[p.id] + 1 for p in stays)  # only the second reopen


def test_a_member_sees_their_published_shifts_marked_while_the_week_is_revised(client, solved):
    rotation, people, _violence, _bias = solved
    member = next(p for p in people if any(a.user_id == p.id for s in rotation.shifts for a in s.assignments))
    _post(client, f"/manager/rotations/{rotation.id}/publish")
    _post(client, f"/manager/rotations/{rotation.id}/reopen", reason="demand changed")
    home = _as_member(client, member)
    assert "being revised" in home and "No published shifts for you yet" not in home
