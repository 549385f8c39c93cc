"""Every route, as every kind of person, answers as wellbeing/policy_table.py says.

The routes come from app.url_map, so a new route without a policy entry fails here. Each case is one
(endpoint, method): a small organisation is built, every actor signs in, and each requests the URL
(with the ids of the member's and team's own rows) in an order that leaves the owner for last, since
an allowed POST may change what the others would see.
"""
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from tests import factories
from tests.checkin_factories import make_checkin, make_follow_up, make_log, make_prompt
from tests.rotation_helpers import make_rotation
from wellbeing import create_app
from wellbeing.extensions import db
from wellbeing.models import InstrumentSetting, Leave, Resource, SolveJob, TestingSession
from wellbeing.models._base import utcnow
from wellbeing.policy_table import POLICY
from wellbeing.services import credentials, sessions, tokens

# The actors, in the order they ask (the data's owners last).
ACTORS = {
    "anonymous": None,
    "hr": ("hr",),
    "admin": ("admin",),
    "wellbeing_contact": ("wellbeing",),
    "another_member": ("member",),
    "another_teams_manager": ("manager",),
    "team_manager": ("manager",),
    "member": ("member",),
}


def _routes():
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    cases = [(rule.endpoint, rule, method) for rule in app.url_map.iter_rules()
             for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return app, cases


ROUTE_APP, ROUTES = _routes()
READS = [case for case in ROUTES if case[2] == "GET"]
WRITES = [pytest.param(*case, id=f"{case[2]} {case[1].rule}") for case in ROUTES if case[2] != "GET"]


def test_every_route_has_an_access_rule_and_every_rule_a_route():
    endpoints = {rule.endpoint for rule in ROUTE_APP.url_map.iter_rules()}
    missing = sorted(endpoints - POLICY.keys())
    assert not missing, f"add these endpoints to wellbeing/policy_table.py: {missing}"
    assert not sorted(POLICY.keys() - endpoints), "policy entries for endpoints that no longer exist"


@dataclass
class World:
    """The organisation every case runs in, and each actor's signed-in client and API token."""

    samples: dict
    clients: dict
    api_tokens: dict


def _build_world(app) -> World:
    team, other_team = factories.make_team(), factories.make_team()
    users = {name: factories.make_user(roles=roles, team=other_team if name == "another_teams_manager" else team)
             for name, roles in ACTORS.items() if roles}
    member = users["member"]
    category = factories.make_category()
    checkin = make_checkin(member, note="private")
    leave = Leave(user_id=member.id, start_date=date.today(), end_date=date.today())
    resource = Resource(title="EAP", kind="eap", contact="https://eap.example.org")
    db.session.add_all([leave, resource, InstrumentSetting(instrument="pcl5", enabled=True, cadence_days=30)])
    monday = date.today() - timedelta(days=date.today().weekday()) + timedelta(days=7)
    rotation = make_rotation(team, monday, state="draft", shifts=[(category, monday, 120, [member])])
    bystander = factories.make_user(team=team)  # whose account the admin pages change: no actor is signed out
    job = SolveJob(rotation_id=rotation.id, state="done", time_limit_s=1)
    timed = TestingSession(user_id=member.id, category=category, source="web", closed_by="member",
                           started_at=utcnow() - timedelta(hours=1), stopped_at=utcnow(),
                           exposure_log=make_log(member, category))
    db.session.add_all([job, timed])
    db.session.flush()
    samples = {"testing_session_id": timed.id, "checkin_id": checkin.id, "log_id": make_log(member, category).id, "leave_id": leave.id,
               "prompt_id": make_prompt(member).id, "rotation_id": rotation.id, "shift_id": rotation.shifts[0].id,
               "job_id": job.id, "request_id": make_follow_up(member, checkin).id, "user_id": bystander.id,
               "category_id": category.id, "resource_id": resource.id, "name": "exposure", "source": "last-week",
               "kind": "instance", "action": "break", "instrument_id": "pcl5", "filename": "rotawell.css"}  # pcl5: the default instrument redirects
    db.session.commit()
    calendar, samples["secret"] = tokens.create_token(member, "phone", scope="calendar")
    samples["calendar_token_id"] = calendar.id
    api_tokens = {name: tokens.create_token(user, "tool")[1] for name, user in users.items()}
    samples["token_id"] = tokens.user_tokens(member)[0].id
    samples["token"] = credentials.issue_reset_link(None, member, utcnow(), timedelta(hours=1))
    clients = {name: _signed_in_client(app, users.get(name)) for name in ACTORS}
    samples["session_id"] = sessions.active_sessions(member, utcnow())[0].id
    return World(samples, clients, api_tokens)


def _signed_in_client(app, user):
    """A browser signed in as `user` (no password hashing: the session is started directly)."""
    client = app.test_client()
    if user is not None:
        started = sessions.start(user, remember=False, user_agent="matrix", now=utcnow(),
                                 lifetimes=sessions.Lifetimes.from_config(app.config))
        with client.session_transaction() as session:
            session.update({"_user_id": str(user.id), "_fresh": True, "sid": started.sid})
    return client


SPECIFIC = {("member.settings_calendar_revoke", "token_id"): "calendar_token_id",
            ("member.session_done", "session_id"): "testing_session_id"}


def _path(rule, samples: dict) -> str:
    """The rule's URL with the sample ids filled in."""
    keys = {name: SPECIFIC.get((rule.endpoint, name), name) for name in rule.arguments}
    unknown = sorted(name for name, key in keys.items() if key not in samples)
    assert not unknown, f"add a sample value for {unknown} to test_access_matrix._build_world"
    return rule.build({name: samples[key] for name, key in keys.items()}, append_unknown=False)[1]


# Reached, but the draft week was never solved (solving in a test would start a background search).
NOTHING_TO_DOWNLOAD = {"manager.download_json"}


def expected(endpoint: str, actor: str) -> str:
    """What the table says this actor gets: ok, login, 401, 403 or 404."""
    answer = _expected(endpoint, actor)
    return "ok (not generated yet)" if answer == "ok" and endpoint in NOTHING_TO_DOWNLOAD else answer


def _expected(endpoint: str, actor: str) -> str:
    rule = POLICY[endpoint]
    roles = set(ACTORS[actor] or ())
    if rule.public:
        return "ok"
    if actor == "anonymous":
        return "401" if rule.bearer else "login"
    if rule.roles and not roles.intersection(rule.roles):
        return "403"
    if rule.owner == "self" and actor != "member":
        return "404"
    if rule.owner == "team" and actor == "another_teams_manager":
        return "404"
    return "ok"


def outcome(response) -> str:
    """What the answer was, in the same words."""
    if response.status_code == 302 and response.headers["Location"].startswith("/login?next="):
        return "login"  # sent to sign in (a plain /login is where signing out lands: that is allowed)
    if response.status_code == 404 and "has not been generated yet" in response.get_data(as_text=True):
        return "ok (not generated yet)"
    if response.status_code in (401, 403, 404):
        return str(response.status_code)
    assert response.status_code < 500, f"server error {response.status_code}"
    return "ok"


def _answers(world: World, endpoint: str, path: str, method: str) -> tuple[dict, dict]:
    """What each actor got, and what the table says each should get."""
    answers, wanted = {}, {}
    for actor, client in world.clients.items():
        headers = {"Authorization": f"Bearer {world.api_tokens[actor]}"} if actor in world.api_tokens else {}
        answers[actor] = outcome(client.open(path, method=method, headers=headers, data={}))
        wanted[actor] = expected(endpoint, actor)
    return answers, wanted


def test_every_page_answers_every_actor_as_the_policy_says(app):
    """All GET routes in one organisation: reading changes nothing another read could see."""
    world = _build_world(app)
    wrong = {}
    for endpoint, rule, method in READS:
        answers, wanted = _answers(world, endpoint, _path(rule, world.samples), method)
        wrong.update({f"{method} {rule.rule} as {actor}": f"got {answers[actor]}, policy says {wanted[actor]}"
                      for actor in answers if answers[actor] != wanted[actor]})
    assert not wrong


# Writes change the organisation, so each gets a fresh one; access rules do not differ between database
# engines, so these run on SQLite only (the reads above run on every backend).
@pytest.mark.parametrize("database_url", ["sqlite://"])
@pytest.mark.parametrize("endpoint, rule, method", WRITES)
def test_every_write_answers_every_actor_as_the_policy_says(app, endpoint, rule, method):
    world = _build_world(app)
    answers, wanted = _answers(world, endpoint, _path(rule, world.samples), method)
    assert answers == wanted


def test_a_route_without_a_policy_entry_is_closed_to_everyone(app, client, auth):
    app.add_url_rule("/undeclared", "undeclared", lambda: "secret")
    auth.login("admin", "member", "manager", "hr")
    response = client.get("/undeclared")
    assert response.status_code == 403 and "no access rule" in response.get_data(as_text=True)
