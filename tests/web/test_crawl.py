"""A crawl of every page reachable from each demo role's links: every one answers below 500."""
import re
from datetime import date
from urllib.parse import urljoin, urlsplit

import pytest

from wellbeing.demo import seed_demo

ACCOUNTS = ["member@demo.rotawell", "manager@demo.rotawell", "hr@demo.rotawell", "admin@demo.rotawell",
            "wellbeing@demo.rotawell", None]
LINK = re.compile(r'<a\s[^>]*href="([^"#]+)', re.I)
SKIP = ("/logout", "/static/", "/vendor/")
MAX_PAGES = 400  # far more than the demo has; a guard against a link that makes new links forever


def _links(page: str, base: str) -> set[str]:
    found = {urljoin(base, href.replace("&amp;", "&")) for href in LINK.findall(page)}
    return {urlsplit(url)._replace(scheme="", netloc="", fragment="").geturl() for url in found
            if urlsplit(url).netloc in ("", "localhost")}


@pytest.mark.parametrize("account", ACCOUNTS)
def test_every_linked_page_answers_below_500(app, client, account):
    seed_demo(date.today())
    if account:
        assert client.post("/login", data={"email": account, "password": "rotawell-demo"}).status_code == 302
    queue, seen, failures = ["/"], {"/"}, []
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop()
        response = client.get(url)
        if response.status_code >= 500:
            failures.append((url, response.status_code))
        if response.status_code in (301, 302, 303):
            queue += [u for u in [response.headers["Location"]] if u not in seen and not u.startswith(SKIP)]
            seen.update(queue)
        elif response.mimetype == "text/html":
            new = {u for u in _links(response.get_data(as_text=True), url) if u not in seen and not u.startswith(SKIP)}
            seen |= new
            queue += sorted(new)
    assert failures == []
    assert len(seen) > (5 if account else 1)
