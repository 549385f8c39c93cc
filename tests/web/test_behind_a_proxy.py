"""Behind a TLS proxy: the client's address and scheme come from X-Forwarded-* only when the proxy is trusted.

Untrusted (the default), a forged X-Forwarded-For must not buy an attacker a fresh per-address sign-in
allowance; trusted (`TRUSTED_PROXIES=1`), every client behind the proxy is counted on its own.
"""
import pytest

from config import ConfigError, load_config
from tests.conftest import _make_app
from wellbeing.extensions import db


def _proxied_app(database_url, tmp_path, proxies: int):
    app = _make_app(database_url, tmp_path, TRUSTED_PROXIES=proxies, LOGIN_LIMIT_PER_ADDRESS="3 per 15 minutes")
    with app.app_context():
        db.create_all()
    return app


def _fail_sign_in(client, forwarded_for: str, n: int):
    headers = {"X-Forwarded-For": forwarded_for}
    return client.post("/login", data={"email": f"guess{n}@example.org", "password": "wrong guess here"},
                       headers=headers, environ_base={"REMOTE_ADDR": "10.0.0.1"})


def test_a_forged_forwarded_for_does_not_escape_the_address_limit(database_url, tmp_path):
    client = _proxied_app(database_url, tmp_path, 0).test_client()
    statuses = [_fail_sign_in(client, f"203.0.113.{n}", n).status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_behind_a_trusted_proxy_each_client_has_its_own_allowance(database_url, tmp_path):
    client = _proxied_app(database_url, tmp_path, 1).test_client()
    assert [_fail_sign_in(client, "203.0.113.7", n).status_code for n in range(4)] == [200, 200, 200, 429]
    assert _fail_sign_in(client, "198.51.100.2", 9).status_code == 200  # another person behind the same proxy


@pytest.mark.parametrize("value", ["-1", "many", "11"])
def test_a_bad_trusted_proxies_value_stops_start_up_naming_it(monkeypatch, tmp_path, value):
    monkeypatch.setenv("TRUSTED_PROXIES", value)
    with pytest.raises(ConfigError, match="TRUSTED_PROXIES"):
        load_config(str(tmp_path), "testing")
