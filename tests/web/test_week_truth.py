"""The grid is the truth: after any hand edit the downloads, the CSV and the page say what the grid says,
and a week is published only when the independent verifier accepts exactly what is published."""
import csv
import io
import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from scheduler import verify
from tests.web.rotation_fixtures import NEXT_MONDAY
from wellbeing.extensions import db
from wellbeing.models import Assignment, CategoryChoice, Notification


def _post(client, path, **data):
    return client.post(path, data=data, follow_redirects=True).get_data(as_text=True)


def _first_off_shift(rotation, people, shift):
    on = {a.user_id for a in shift.assignments}
    return next(p for p in people if p.id not in on)


def _remove(client, rotation, people, _bias):
    shift = rotation.shifts[0]
    _post(client, f"/manager/shifts/{shift.id}/assignments", user_id=shift.assignments[0].user_id, action="remove")


def _pin_new(client, rotation, people, bias):
    _remove(client, rotation, people, bias)
    db.session.expire_all()
    shift = rotation.shifts[0]
    _post(client, f"/manager/shifts/{shift.id}/assignments", user_id=_first_off_shift(rotation, people, shift).id,
          action="pin")


def _pin_existing(client, rotation, people, _bias):
    shift = rotation.shifts[0]
    _post(client, f"/manager/shifts/{shift.id}/assignments", user_id=shift.assignments[0].user_id, action="pin")


def _swap(client, rotation, people, _bias):
    shift = rotation.shifts[0]
    _post(client, f"/manager/shifts/{shift.id}/assignments", user_id=shift.assignments[0].user_id, action="swap",
          with_user_id=_first_off_shift(rotation, people, shift).id)


def _add_shift(client, rotation, people, bias):
    _post(client, f"/manager/rotations/{rotation.id}/shifts", category_id=bias.id,
          day=(NEXT_MONDAY + timedelta(days=2)).isoformat(), hours="1", people="1")


def _delete_shift(client, rotation, people, _bias):
    _post(client, f"/manager/shifts/{rotation.shifts[1].id}/delete")


EDITS = {"remove": _remove, "pin_new": _pin_new, "pin_existing": _pin_existing, "swap": _swap,
         "add_shift": _add_shift, "delete_shift": _delete_shift}


def _grid(rotation) -> set[tuple[str, str]]:
    db.session.expire_all()
    return {(f"u{a.user_id}", f"s{s.id}") for s in rotation.shifts for a in s.assignments}


def _download(client, rotation, kind):
    return json.loads(client.get(f"/manager/rotations/{rotation.id}/{kind}.json").get_data(as_text=True))


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_downloads_and_page_equal_the_grid_after_every_kind_of_edit(client, solved, edit):
    rotation, people, _violence, bias = solved
    before = _grid(rotation)
    EDITS[edit](client, rotation, people, bias)
    grid = _grid(rotation)
    assert edit == "pin_existing" or grid != before or edit.endswith("shift")
    instance, solution = _download(client, rotation, "instance"), _download(client, rotation, "solution")
    assert {(a["member"], a["shift"]) for a in solution["assignments"]} == grid
    assert {s["id"] for s in instance["shifts"]} == {f"s{s.id}" for s in rotation.shifts}
    report = verify(instance, solution)
    assert report.ok, report.violations
    short = {f"s{s.id}" for s in rotation.shifts if len(s.assignments) < s.people}
    assert {u["shift"] for u in solution["unmet"]} == short
    assert all(u["summary"] and set(u["codes"]) == set(u["excluded"]) for u in solution["unmet"])
    page = client.get(f"/manager/rotations/{rotation.id}").get_data(as_text=True)
    assert (f"Shifts left short ({len(short)})" in page) == bool(short)
    rows = list(csv.DictReader(io.StringIO(client.get(f"/manager/rotations/{rotation.id}/rotation.csv")
                                           .get_data(as_text=True))))
    names = {f"u{p.id}": p.name for p in people}
    assert sorted(r["member"] for r in rows if r["member"] != "unfilled") == sorted(names[m] for m, _ in grid)


def test_a_week_edited_by_hand_and_published_passes_the_check(client, solved):
    rotation, people, _violence, bias = solved
    for edit in (_swap, _remove, _add_shift, _pin_new, _delete_shift):
        edit(client, rotation, people, bias)
    page = _post(client, f"/manager/rotations/{rotation.id}/publish")
    db.session.refresh(rotation)
    assert rotation.state == "published", page
    report = verify(_download(client, rotation, "instance"), _download(client, rotation, "solution"))
    assert report.ok, report.violations


def test_publish_refuses_a_week_that_breaks_a_rule_and_names_it(client, solved):
    """A member assigned by the solver opts out afterwards: the grid now breaks a rule, so publish must refuse."""
    rotation, people, violence, _bias = solved
    assigned = db.session.get(type(people[0]), rotation.shifts[0].assignments[0].user_id)
    db.session.add(CategoryChoice(user_id=assigned.id, category_id=violence.id, consent="opted_out"))
    db.session.commit()
    page = _post(client, f"/manager/rotations/{rotation.id}/publish")
    db.session.refresh(rotation)
    assert rotation.state == "draft"
    assert "Not published" in page and assigned.name in page and "opted out of" in page
    assert db.session.scalar(select(func.count()).select_from(Notification)) == 0
    assert db.session.scalar(select(func.count()).select_from(Assignment)) > 0
