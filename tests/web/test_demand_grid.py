"""The week's demand in one grid: saved in one request, each bad cell named, nothing saved when one is bad."""
import html

import pytest

from tests import factories
from tests.web.rotation_fixtures import NEXT_MONDAY, small_team
from wellbeing.extensions import db
from wellbeing.models import Rotation


@pytest.fixture
def draft(app, client):
    team, manager, people, violence, bias = small_team()
    client.post("/login", data={"email": manager.email, "password": factories.PASSWORD})
    response = client.post("/manager/rotations", data={"day": NEXT_MONDAY.isoformat()})
    rotation = db.session.get(Rotation, int(response.headers["Location"].rsplit("/", 1)[1]))
    return rotation, violence, bias


def _demand(rotation):
    db.session.expire_all()
    return sorted((s.category.slug, s.day.weekday(), s.minutes, s.people) for s in rotation.shifts)


def test_a_whole_week_is_saved_in_one_request_and_shown_back(client, draft):
    rotation, violence, bias = draft
    url = f"/manager/rotations/{rotation.id}/demand"
    cells = {f"h-{violence.id}-0": "2", f"p-{violence.id}-0": "2", f"h-{bias.id}-1": "1.5", f"p-{bias.id}-1": "1",
             f"h-{bias.id}-4": "3", f"p-{bias.id}-4": "3"}
    assert client.post(url, data=cells).status_code == 302
    assert _demand(rotation) == [("bias", 1, 90, 1), ("bias", 4, 180, 3), ("violence", 0, 120, 2)]
    page = client.get(url).get_data(as_text=True)
    assert f'name="h-{bias.id}-1" value="1.5"' in page
    cells.update({f"h-{bias.id}-4": "", f"p-{bias.id}-4": "", f"p-{violence.id}-0": "1"})
    client.post(url, data=cells)
    assert _demand(rotation) == [("bias", 1, 90, 1), ("violence", 0, 120, 1)]


def test_each_bad_cell_is_named_and_nothing_is_saved(client, draft):
    rotation, violence, bias = draft
    url = f"/manager/rotations/{rotation.id}/demand"
    client.post(url, data={f"h-{bias.id}-2": "1", f"p-{bias.id}-2": "1"})
    before = _demand(rotation)
    response = client.post(url, data={f"h-{violence.id}-1": "1.3", f"p-{violence.id}-1": "1",
                                      f"h-{bias.id}-0": "2", f"p-{bias.id}-0": "0",
                                      f"h-{bias.id}-3": "2", f"h-{bias.id}-2": "", f"p-{bias.id}-2": ""})
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 422 and "Nothing was saved" in page
    assert "Violent content, Tue" in page and "quarter hours between 0.25 and 12 (not 1.3)" in page
    assert "Bias, Mon" in page and "people must be between 1 and 50 (not 0)" in page
    assert "Bias, Thu" in page and "give both hours and people" in page
    assert f'name="h-{violence.id}-1" value="1.3"' in page  # what was typed comes back
    assert _demand(rotation) == before
