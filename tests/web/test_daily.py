"""The README's cron line, run once: retention purge, due check-in prompts, and the e-mail announcing them."""
import secrets
import os
import re
import subprocess
from datetime import datetime, timedelta, timezone

from aiosmtpd.controller import Controller
from sqlalchemy import select

from tests import factories
from tests.checkin_factories import make_checkin, make_log
from tests.conftest import Inbox, _make_app, free_port
from tests.served import ROOT
from wellbeing.extensions import db
from wellbeing.models import CheckIn, ExposureLog, Prompt

CRON_LINE = re.compile(r"^(?:\S+\s+){5}(cd /srv/rotawell && .*daily run.*)$", re.MULTILINE)


def test_the_documented_cron_line_runs_the_daily_tasks(tmp_path):
    command = CRON_LINE.search((ROOT / "README.md").read_text())
    assert command, "the README gives no cron line for `flask daily run`"
    url = f"sqlite:///{tmp_path / 'daily.sqlite'}"
    app = _make_app(url, tmp_path)
    long_ago = datetime.now(timezone.utc) - timedelta(days=200)
    with app.app_context():
        db.create_all()
        quiet = factories.make_user(email="quiet@example.org")
        make_checkin(quiet, note="old private words", created_at=long_ago)
        make_log(quiet, factories.make_category(), note="old session note", created_at=long_ago)
        fresh = factories.make_user(email="fresh@example.org")
        make_checkin(fresh)
        db.session.commit()
        quiet_id = quiet.id
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        env = {**os.environ, "ROTAWELL_CONFIG": "production", "SECRET_KEY": secrets.token_hex(32), "DATABASE_URL": url,
               "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(port)}
        done = subprocess.run(["bash", "-c", command.group(1).replace("/srv/rotawell", str(ROOT))], env=env,
                              capture_output=True, text=True, timeout=120)
    finally:
        controller.stop()
    assert done.returncode == 0, done.stderr
    assert "raised check-in prompts for 1 members; e-mailed 1" in done.stdout
    with app.app_context():
        assert db.session.scalar(select(CheckIn.note).where(CheckIn.user_id == quiet_id)) is None
        assert db.session.scalar(select(ExposureLog.note)) is None
        assert db.session.scalars(select(Prompt.user_id)).all() == [quiet_id]
        db.engine.dispose()
    messages = inbox.messages()
    assert [to for to, _m in messages] == [["quiet@example.org"]]
    body = messages[0][1].get_payload(decode=True).decode()
    assert "check-in" in body and "score" not in body.lower()
