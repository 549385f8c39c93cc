"""Unknown pages give 404 pages; an unexpected error gives a friendly 500 page and rolls back."""
from sqlalchemy import func, select

from wellbeing.access import public
from wellbeing.extensions import db
from wellbeing.models import Team
from wellbeing.policy_table import POLICY


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Support resources" in response.get_data(as_text=True)


def test_unexpected_error_rolls_back_and_says_nothing_was_saved(app, client, monkeypatch):
    def broken():
        db.session.add(Team(name="half-written"))
        db.session.flush()
        raise RuntimeError("boom")
    app.add_url_rule("/broken", "broken", broken)
    monkeypatch.setitem(POLICY, "broken", public())  # every route needs an access rule (policy_table.py)
    response = client.get("/broken")
    assert response.status_code == 500
    assert "Nothing you entered was saved" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Team)) == 0
