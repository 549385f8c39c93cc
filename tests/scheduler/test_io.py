"""JSON format: round trips, validation errors that name the field, and the CLI."""

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from scheduler.io import (
    FormatError, instance_to_dict, load_instance, solution_from_dict, solution_to_dict,
    validate_instance_dict, validate_solution_dict,
)

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]
PLANTED = json.loads((DATA / "planted-7.json").read_text())


def test_instance_round_trips():
    inst = load_instance(PLANTED)
    again = load_instance(instance_to_dict(inst))
    assert again == inst


def test_optional_keys_get_defaults():
    d = copy.deepcopy(PLANTED)
    for key in ("pins", "diversity", "options"):
        d.pop(key)
    inst = load_instance(d)
    assert inst.pins == () and inst.diversity_dimensions == ()
    assert inst.options.workers == 2


@pytest.mark.parametrize("key", ["dose_weights", "max_dose_7d", "max_dose_28d",
                                 "max_severe_hours_per_day", "min_recovery_days",
                                 "reduced_factor"])
def test_every_team_limits_key_is_required(key):
    d = copy.deepcopy(PLANTED)
    d["limits"].pop(key)
    with pytest.raises(FormatError, match=rf"^limits\.{key}: is required"):
        load_instance(d)


def test_team_limits_are_required_and_name_every_severity_weight():
    d = copy.deepcopy(PLANTED)
    d["limits"]["dose_weights"].pop("2")
    with pytest.raises(FormatError, match=r"^limits\.dose_weights\.2: is required"):
        load_instance(d)
    d.pop("limits")
    with pytest.raises(FormatError, match=r"^limits: is required"):
        load_instance(d)


def _set(path, value):
    def mutate(d):
        *head, last = path
        for part in head:
            d = d[part]
        d[last] = value
    return mutate


BAD = [
    (_set(["members", 3, "hours_per_day"], 0), "members[3].hours_per_day: must be > 0"),
    (_set(["categories", 1, "severity"], 5), "categories[1].severity:"),
    (_set(["shifts", 2, "hours"], 1.3), "shifts[2].hours: must be a multiple of 0.25"),
    (_set(["shifts", 2, "category"], "nope"), "shifts[2].category: unknown category"),
    (_set(["days", 2], "2027-01-09"), "days[2]: days must be consecutive"),
    (_set(["members", 1, "id"], "p000"), "members[1].id: duplicate id"),
    (_set(["shifts", 0, "people"], 0), "shifts[0].people: must be >= 1"),
    (_set(["format"], "rotawell-instance/2"), "format:"),
    (_set(["pins"], [{"member": "ghost", "shift": "bias-2027-01-04-0"}]), "pins[0].member:"),
    (_set(["members", 0, "history", 0, "date"], "2027-01-05"), "members[0].history[0].date:"),
    (_set(["members", 0, "opted_out"], ["nope"]), "members[0].opted_out[0]: unknown category"),
]


@pytest.mark.parametrize("mutate, prefix", BAD)
def test_bad_instance_names_the_field(mutate, prefix):
    d = copy.deepcopy(PLANTED)
    mutate(d)
    with pytest.raises(FormatError) as err:
        validate_instance_dict(d)
    assert str(err.value).startswith(prefix)


def test_missing_required_field_is_named():
    d = copy.deepcopy(PLANTED)
    del d["shifts"][4]["people"]
    with pytest.raises(FormatError, match=r"^shifts\[4\]\.people: is required"):
        validate_instance_dict(d)


def test_solution_round_trips_and_validates():
    raw = json.loads((DATA / "planted-7.solution.json").read_text())
    sol = solution_from_dict(raw)
    again = solution_to_dict(sol)
    validate_solution_dict(again)
    assert again["assignments"] == raw["assignments"]
    with pytest.raises(FormatError, match=r"^status:"):
        validate_solution_dict({**raw, "status": "great"})


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "scheduler", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.alone
def test_cli_solve_then_check(tmp_path):
    out = tmp_path / "sol.json"
    done = _cli("solve", str(DATA / "planted-7.json"), "-o", str(out), "--time-limit", "2")
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text())["objective"]["unmet"] == 0
    assert _cli("check", str(DATA / "planted-7.json"), str(out)).returncode == 0


@pytest.mark.parametrize("content, expected", [
    (None, "file not found"), ("{not json", "not valid JSON"),
    (json.dumps({**PLANTED, "days": []}), "days: must have at least 1 item"),
])
def test_cli_bad_input_is_one_line_and_exit_2(tmp_path, content, expected):
    path = tmp_path / "instance.json"
    if content is not None:
        path.write_text(content)
    done = _cli("solve", str(path))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and expected in lines[0]
    assert "Traceback" not in done.stderr


def test_cli_bound_prints_valid_lower_bounds(tmp_path):
    done = _cli("bound", str(DATA / "tight-7.json"), "--time-limit", "2")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    proven_optimum = 587  # tight-7's least unmet demand, proven by CP-SAT (test_examples)
    assert 0 < report["lp"]["bound"] <= proven_optimum
    assert report["lagrangian"]["steps"] >= 1 and report["lagrangian"]["bound"] <= proven_optimum
    assert report["bound"] == max(report["lp"]["bound"], report["lagrangian"]["bound"])


def test_cli_bound_refuses_a_time_limit_that_is_not_positive():
    done = _cli("bound", str(DATA / "tight-7.json"), "--time-limit", "0")
    assert done.returncode == 2 and done.stderr.strip() == "error: --time-limit: must be > 0"
