"""Run the real gunicorn as a child process for the tests that need a served app."""
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
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
    """gunicorn with the repo's gunicorn.conf.py, bound to a free port, logging to a file."""

    def __init__(self, env: dict, log_path: Path, workers: int = 2):
        self.log_path = log_path
        full_env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
        full_env.update({"BIND": "127.0.0.1:0", "WEB_CONCURRENCY": str(workers), **env})
        self.process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")],
                                        cwd=ROOT, env=full_env, stdout=subprocess.DEVNULL,
                                        stderr=log_path.open("w"), start_new_session=True)
        port = wait_for(self._port, 60, f"gunicorn to listen (log: {log_path})")
        self.url = f"http://127.0.0.1:{port}"
        wait_for(lambda: self.log().count("Booting worker") >= workers, 60, "gunicorn's workers to boot")

    def log(self) -> str:
        return self.log_path.read_text()

    def _port(self):
        if self.process.poll() is not None:
            raise AssertionError(f"gunicorn exited early:\n{self.log()}")
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
