"""HR sees aggregates only: every individual-level page, export and API is closed to HR, and nothing HR can
open names a member."""
import re
from datetime import date

from sqlalchemy import select
from werkzeug.exceptions import HTTPException

from tests.web.test_no_server_errors import _urls
from wellbeing.demo import seed_demo
from wellbeing.extensions import db
from wellbeing.hr.sections import SECTIONS
from wellbeing.models import Team, User

# What an HR-only account may open: its own dashboards, signing in and out, its own notifications, the
# support resources everyone sees, and the app's public machinery.
HR_MAY_OPEN = {"hr", "auth", "static", "plotly_js", "ops", "prometheus_metrics", "api.openapi",
               "member.resources", "member.notifications"}


def _allowed(endpoint: str) -> bool:
    return endpoint in HR_MAY_OPEN or endpoint.split(".")[0] in HR_MAY_OPEN


def test_hr_is_denied_every_individual_level_page_export_and_api(app, client, auth):
    auth.login("hr")
    adapter = app.url_map.bind("localhost")
    checked = 0
    for method, url in _urls(app):
        if method != "GET":
            continue
        try:
            endpoint, _args = adapter.match(url, method="GET")
        except HTTPException:  # a placeholder the rule does not accept
            continue
        if _allowed(endpoint):
            continue
        checked += 1
        assert client.get(url).status_code in (401, 403, 404), f"HR opened {url} ({endpoint})"
    assert checked > 30


def _hr_urls() -> list[str]:
    teams = db.session.scalars(select(Team.id)).all()
    urls = ["/hr/transparency", "/hr/transparency.csv"]
    for query in ["", "?group=tier:3", "?weeks=4", *(f"?team={t}&weeks=26" for t in teams)]:
        urls.append(f"/hr/{query}")
        urls += [f"/hr/export/{name}.csv{query}" for name in SECTIONS]
    return urls


def test_no_hr_page_chart_export_or_report_names_a_member(client):
    seed_demo(date.today())
    client.post("/login", data={"email": "hr@demo.rotawell", "password": "rotawell-demo"})
    members = db.session.scalars(select(User).where(User.email != "hr@demo.rotawell")).all()
    assert len(members) > 50
    for url in _hr_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.get_data(as_text=True)
        for member in members:
            for clue in (member.name, member.email, member.name.split()[0]):
                assert not re.search(rf"\b{re.escape(clue)}\b", text), f"{url} mentions {clue}"
        if url.endswith(".csv") or ".csv?" in url:
            header = text.splitlines()[0].split(",")[0]
            assert header in ("Week of", "Team", "Month", "Figure"), f"{url} has rows of {header}"
