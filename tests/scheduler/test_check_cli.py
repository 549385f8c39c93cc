"""`python -m scheduler check` / run_check: exit codes 0, 1, 2 and what each prints."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from scheduler.check import run_check
from tests.scheduler.test_check_rules import DATA, member, tiny

ROOT = Path(__file__).resolve().parents[2]
HAS_MAIN = (ROOT / "scheduler" / "__main__.py").exists()
HAS_IO_VALIDATION = (importlib.util.find_spec("scheduler.io") is not None
                     and hasattr(importlib.import_module("scheduler.io"), "validate_instance_dict"))


@pytest.fixture
def check(capsys):
    """Runs the check the way a user would: the CLI when it exists, else run_check itself."""
    def run(instance: Path, solution: Path) -> tuple[int, str, str]:
        if HAS_MAIN:
            done = subprocess.run([sys.executable, "-m", "scheduler", "check", str(instance),
                                   str(solution)], cwd=ROOT, capture_output=True, text=True,
                                  timeout=60)
            return done.returncode, done.stdout, done.stderr
        code = run_check(str(instance), str(solution))
        out, err = capsys.readouterr()
        return code, out, err
    return run


def write(tmp_path: Path, inst: dict, sol: dict) -> tuple[Path, Path]:
    """Writes an instance and a solution as files."""
    (tmp_path / "i.json").write_text(json.dumps(inst))
    (tmp_path / "s.json").write_text(json.dumps(sol))
    return tmp_path / "i.json", tmp_path / "s.json"


def test_planted_example_is_accepted_with_exit_0(check):
    code, out, _ = check(DATA / "planted-7.json", DATA / "planted-7.solution.json")
    assert (code, out.strip()) == (0, "OK: 75 assignments, all hard rules hold, objective terms match")


def test_violations_are_printed_one_per_line_with_exit_1(check, tmp_path):
    inst, sol = tiny()
    member(inst, "m03").update(opted_out=["violence"], hours_per_week=3)
    code, out, _ = check(*write(tmp_path, inst, sol))
    lines = out.strip().splitlines()
    assert code == 1 and len(lines) == 3
    assert sum("opted out" in line for line in lines) == 2 and "hours_per_week of 3" in lines[2]


def test_missing_file_is_an_input_error_with_exit_2(check, tmp_path):
    code, out, err = check(tmp_path / "absent.json", DATA / "tiny.solution.json")
    assert (code, out) == (2, "")
    assert err.startswith("error: ") and "absent.json" in err


def test_malformed_json_is_an_input_error_with_exit_2(check, tmp_path):
    (tmp_path / "bad.json").write_text('{"format": "rotawell-solution/1", ')
    code, out, err = check(DATA / "tiny.json", tmp_path / "bad.json")
    assert (code, out) == (2, "")
    assert err.startswith("error: ") and "bad.json" in err and "JSON" in err


def test_a_missing_required_key_is_an_input_error_with_exit_2(check, tmp_path):
    inst, sol = tiny()
    del inst["days"]
    code, _, err = check(*write(tmp_path, inst, sol))
    assert code == 2 and err.startswith("error: ") and "days" in err


@pytest.mark.skipif(not HAS_IO_VALIDATION, reason="scheduler.io validation not written yet")
def test_the_shared_format_validation_runs_first(check, tmp_path):
    inst, sol = tiny()
    inst["shifts"][0]["hours"] = 0.3  # the format allows quarter hours only
    code, _, err = check(*write(tmp_path, inst, sol))
    assert code == 2 and err.startswith("error: shifts[0].hours")


def test_the_verifier_loads_neither_flask_nor_sqlalchemy():
    code = ("import sys, scheduler.check; "
            "sys.exit(any(m in sys.modules for m in ('flask', 'sqlalchemy')))")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=60).returncode == 0
