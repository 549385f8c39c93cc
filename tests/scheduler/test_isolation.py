"""scheduler/ must never load the web stack."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_scheduler_loads_neither_flask_nor_sqlalchemy():
    code = ("import sys, scheduler, scheduler.solve, scheduler.generate, scheduler.greedy, "
            "scheduler.explain, scheduler.io; "
            "bad = [m for m in ('flask', 'sqlalchemy', 'wellbeing', 'config') if m in sys.modules]; "
            "print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
