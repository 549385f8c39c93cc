"""No request ends in a 500: every route, as every role, with real, unknown and malformed ids and bodies."""
import re
from datetime import date

import pytest

from wellbeing.demo import seed_demo

ACCOUNTS = ["member@demo.rotawell", "manager@demo.rotawell", "hr@demo.rotawell", "admin@demo.rotawell",
            "wellbeing@demo.rotawell", None]
GARBAGE = [{}, {"name": "x" * 5000, "day": "not-a-date", "minutes": "-1", "hours": "NaN", "people": "1e9",
            "category_id": "abc", "user_id": "0", "action": "explode", "time_limit_s": "9" * 30,
            "reason": "", "email": "@", "weekdays": ["9"], "answers": "x", "item_0": "77"}]


def _urls(app) -> list[tuple[str, str]]:
    """Every route with its converters filled by an existing id (1), an unknown one and a silly one."""
    out = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for value in ("1", "999999"):
            url = re.sub(r"<(?:int:)?[a-z_]+>", value, rule.rule)
            url = re.sub(r"<any\(([a-z_]+)[^>]*\):[a-z_]+>", r"\1", url)
            url = re.sub(r"<[^>]+>", "x", url)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                out.append((method, url))
    return sorted(set(out))


@pytest.mark.parametrize("account", ACCOUNTS)
def test_no_route_answers_500(app, client, account):
    seed_demo(date.today())
    if account:
        assert client.post("/login", data={"email": account, "password": "rotawell-demo"}).status_code == 302
    app.config["SOLVE_INLINE"] = True
    for method, url in _urls(app):
        if url in ("/logout", "/my-data/delete"):
            continue  # would end the session or delete the account under test
        for body in GARBAGE if method == "POST" else [None]:
            response = client.open(url, method=method, data=body)
            assert response.status_code < 500, f"{method} {url} {body and 'garbage'} -> {response.status_code}"
