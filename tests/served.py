"""Run the real gunicorn as a child process for the tests that need a served app."""
import secrets
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+)")


def wait_for(predicate, timeout: float, what: str):
    """Poll `predicate` until it returns something truthy; fail naming `what` after `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")


class Gunicorn:
    """gunicorn with the repo's gunicorn.conf.py (or a command that starts it), on a free port."""

    def __init__(self, env: dict, log_path: Path, workers: int = 2, command: list[str] | None = None):
        self.log_path = log_path
        full_env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
        full_env.update({"BIND": "127.0.0.1:0", "WEB_CONCURRENCY": str(workers), **env})
        command = command or [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")]
        self.process = subprocess.Popen(command, cwd=ROOT, env=full_env, stdout=log_path.open("w"),
                                        stderr=subprocess.STDOUT, start_new_session=True)
        port = wait_for(self._port, 120, f"gunicorn to listen (log: {log_path})")
        self.url = f"http://127.0.0.1:{port}"
        wait_for(lambda: self.log().count("Booting worker") >= workers, 60, "gunicorn's workers to boot")

    def log(self) -> str:
        return self.log_path.read_text()

    def _port(self):
        if self.process.poll() is not None:
            raise AssertionError(f"the server exited early:\n{self.log()}")
        match = LISTENING.search(self.log())
        return match and int(match.group(1))

    def stop(self) -> None:
        """Stop the master (which stops its workers) and wait for it."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def get(url: str, headers: dict | None = None) -> tuple[int, str]:
    """GET a URL; the status and body, also for error statuses."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def get_json(url: str) -> tuple[int, dict]:
    status, body = get(url)
    return status, json.loads(body)


def children(pid: int) -> list[int]:
    """The ids of the processes whose parent is `pid` (read from /proc; RQ's work horse is one)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


class RqWorker:
    """`flask jobs worker` in a process group of its own, logging to a file."""

    def __init__(self, env: dict, log_path: Path, burst: bool = False):
        self.log_path = log_path
        full_env = {**os.environ, "FLASK_APP": "wellbeing:create_app", "ROTAWELL_CONFIG": "production",
                    "SECRET_KEY": secrets.token_hex(32), **env}
        command = [sys.executable, "-m", "flask", "jobs", "worker"] + (["--burst"] if burst else [])
        self.process = subprocess.Popen(command, cwd=ROOT, env=full_env, stdout=log_path.open("w"),
                                        stderr=subprocess.STDOUT, start_new_session=True)

    def log(self) -> str:
        return self.log_path.read_text()

    def kill(self) -> None:
        """SIGKILL the worker and its work horse at once, as a crash or the OOM killer would."""
        horses = children(self.process.pid)
        os.killpg(self.process.pid, signal.SIGKILL)
        for pid in horses:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.kill()

    def wait(self, timeout: float) -> int:
        return self.process.wait(timeout=timeout)


class Browser:
    """Forms and cookies over plain HTTP, Secure cookies included (a TLS proxy would sit in front)."""

    CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')

    def __init__(self, base_url: str):
        self.base_url, self.cookies = base_url, {}

    def _open(self, path: str, data: dict | None = None) -> tuple[int, str, dict]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body)
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            response = opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status if hasattr(response, "status") else response.code, response.read().decode(), response.headers

    def get(self, path: str) -> tuple[int, str]:
        status, text, _headers = self._open(path)
        return status, text

    def submit(self, form_path: str, action: str, fields: dict) -> tuple[int, str]:
        """Load the page holding the form, take its CSRF token and post `fields`; returns status and Location."""
        _status, page, _headers = self._open(form_path)
        match = self.CSRF.search(page)
        assert match, f"no CSRF token on {form_path}"
        status, _text, headers = self._open(action, {**fields, "csrf_token": match.group(1) or match.group(2)})
        return status, headers.get("Location", "")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
