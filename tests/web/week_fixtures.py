"""A generated draft week with a signed-in manager: shared by the edit, publish and revision tests."""
from datetime import timedelta

import pytest

from tests import factories
from tests.web.rotation_fixtures import NEXT_MONDAY, small_team
from wellbeing.extensions import db
from wellbeing.models import Rotation


@pytest.fixture
def solved(app, client):
    """A signed-in manager and a generated draft week (violence Mon x2, bias Tue x1, violence Thu x1)."""
    app.config["SOLVE_INLINE"] = True
    team, manager, people, violence, bias = small_team()
    client.post("/login", data={"email": manager.email, "password": factories.PASSWORD})
    response = client.post("/manager/rotations", data={"day": NEXT_MONDAY.isoformat()})
    rotation = db.session.get(Rotation, int(response.headers["Location"].rsplit("/", 1)[1]))
    for category, offset, hours, needed in ((violence, 0, "2", "2"), (bias, 1, "1.5", "1"), (violence, 3, "2", "1")):
        client.post(f"/manager/rotations/{rotation.id}/shifts", data={
            "category_id": category.id, "day": (NEXT_MONDAY + timedelta(days=offset)).isoformat(),
            "hours": hours, "people": needed})
    client.post(f"/manager/rotations/{rotation.id}/generate", data={"time_limit_s": "2"})
    db.session.refresh(rotation)
    assert rotation.solver_status in ("optimal", "feasible")
    return rotation, people, violence, bias
