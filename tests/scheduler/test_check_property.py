"""Random rotations on a small team: the verifier agrees with a plain brute-force re-statement.

The re-statement below is written as directly as the rules read (loop over every member and
day, scan every assignment), so it shares no structure with scheduler/check_rules.py.
"""

from datetime import date, timedelta
from functools import cache
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from scheduler.check import verify
from tests.scheduler.test_check_rules import add_shift, history, member, tiny

FAMILIES = {  # words in the verifier's sentences -> the rule they belong to
    "structure": ("unknown member", "unknown shift", "duplicate assignment", "needs only"),
    "eligibility": ("unavailable", "opted out", "requires opt-in"),
    "daily": ("hours_per_day", "max_severe_hours_per_day"),
    "weekly": ("hours_per_week",),
    "dose": ("-day dose",),
    "consecutive": ("consecutive days",),
    "recovery": ("recovery day",),
    "pin": ("pin ",),
    "unmet": ("unmet list",),
    "objective": ("reported objective",),
}


def q(x) -> Fraction:
    """Exact value of a JSON number."""
    return Fraction(str(x))


def crowded_instance() -> dict:
    """Tiny, plus history, a pin, overrides and extra shifts so random rotations break things."""
    inst, _ = tiny()
    inst["pins"] = [{"member": "m01", "shift": "jail-mon"}]
    history(inst, "m03", ("2027-01-03", "violence", 1))
    history(inst, "m02", *[(f"2026-12-{d}", "bias", 7) for d in (29, 30, 31)])
    member(inst, "m04").update(reduced_load=True, limits={"max_dose_7d": 16})
    member(inst, "m03")["limits"] = {"min_recovery_days": 3}
    add_shift(inst, "vio-tue", "violence", "2027-01-05", 2.5)
    add_shift(inst, "child-thu", "child", "2027-01-07", 1.75)
    add_shift(inst, "bias-fri", "bias", "2027-01-08", 3.25, 2)
    next(c for c in inst["categories"] if c["id"] == "violence")["max_hours_per_week"] = 6
    return inst


INSTANCE = crowded_instance()


class Brute:
    """The rules and terms re-stated by enumeration over every member, day and assignment."""

    def __init__(self, inst: dict, sol: dict):
        self.inst, self.sol = inst, sol
        self.days = [date.fromisoformat(d) for d in inst["days"]]
        self.cats = {c["id"]: c for c in inst["categories"]}
        self.mems = {m["id"]: m for m in inst["members"]}
        self.shifts = {s["id"]: s for s in inst["shifts"]}
        self.broken, self.pairs = set(), []
        for a in sol["assignments"]:
            pair = (a["member"], a["shift"])
            if pair[0] not in self.mems or pair[1] not in self.shifts or pair in self.pairs:
                self.broken.add("structure")
            else:
                self.pairs.append(pair)
        self.missing = {s: sh["people"] - self.staffed(s) for s, sh in self.shifts.items()
                        if sh["people"] > self.staffed(s)}
        self.by_cat = cache(self.by_cat)
        self.dose = cache(self.dose)

    def lim(self, m, key) -> Fraction:
        return q(self.mems[m].get("limits", {}).get(key, self.inst["limits"][key]))

    def staffed(self, s) -> int:
        return sum(1 for _, ss in self.pairs if ss == s)

    def by_cat(self, source: str, m: str, day: date) -> dict:
        """Hours per category that member m planned or logged on one day."""
        out = {}
        if source == "planned":
            for sh in (self.shifts[s] for mm, s in self.pairs if mm == m):
                if date.fromisoformat(sh["day"]) == day:
                    out[sh["category"]] = out.get(sh["category"], 0) + q(sh["hours"])
        for h in self.mems[m].get("history", []) if source == "logged" else []:
            if date.fromisoformat(h["date"]) == day:
                out[h["category"]] = out.get(h["category"], 0) + q(h["hours"])
        return out

    def planned(self, m, day, test=lambda c: True) -> Fraction:
        return sum((h for c, h in self.by_cat("planned", m, day).items() if test(c)), Fraction(0))

    def logged(self, m, day, test=lambda c: True) -> Fraction:
        return sum((h for c, h in self.by_cat("logged", m, day).items() if test(c)), Fraction(0))

    def dose(self, m, day, source: str) -> Fraction:
        weights = self.inst["limits"]["dose_weights"]
        return sum((h * q(weights[str(self.cats[c]["severity"])])
                    for c, h in self.by_cat(source, m, day).items()), Fraction(0))

    def structure_and_eligibility(self) -> None:
        if any(self.staffed(s) > sh["people"] for s, sh in self.shifts.items()):
            self.broken.add("structure")
        for m, s in self.pairs:
            sh, mm, cat = self.shifts[s], self.mems[m], self.shifts[s]["category"]
            if (sh["day"] in mm.get("unavailable", []) or cat in mm.get("opted_out", [])
                    or self.cats[cat]["requires_opt_in"] and cat not in mm.get("opted_in", [])):
                self.broken.add("eligibility")

    def caps(self, m) -> None:
        cats, days, planned = self.cats, self.days, self.planned
        for d in days:
            if (planned(m, d) > q(self.mems[m]["hours_per_day"])
                    or planned(m, d, lambda c: cats[c]["severity"] >= 3)
                    > self.lim(m, "max_severe_hours_per_day")
                    or any(planned(m, d, lambda x, c=c: x == c) > q(cats[c]["max_hours_per_day"])
                           for c in cats)):
                self.broken.add("daily")
        if (sum(planned(m, d) for d in days) > q(self.mems[m]["hours_per_week"])
                or any(sum(planned(m, d, lambda x, c=c: x == c) for d in days)
                       > q(cats[c]["max_hours_per_week"]) for c in cats)):
            self.broken.add("weekly")

    def windows(self, m) -> None:
        factor = self.lim(m, "reduced_factor") if self.mems[m].get("reduced_load") else 1
        for d in self.days:
            for n, key in ((7, "max_dose_7d"), (28, "max_dose_28d")):
                window = [d - timedelta(days=k) for k in range(n)]
                past = sum(self.dose(m, x, "logged") for x in window)
                now = sum(self.dose(m, x, "planned") for x in window)
                limit = self.lim(m, key) * factor
                if (past > limit and now > 0) or (past <= limit and past + now > limit):
                    self.broken.add("dose")

    def runs_and_recovery(self, m) -> None:
        for c, cat in self.cats.items():
            def worked(x, c=c):
                return self.planned(m, x, lambda y: y == c) + self.logged(m, x, lambda y: y == c) > 0
            for d in filter(worked, self.days):
                run = 1 + next(k for k in range(60) if not worked(d - timedelta(days=k + 1)))
                if run > cat["max_consecutive_days"]:
                    self.broken.add("consecutive")
        free = sum(1 for d in self.days if d.isoformat() in self.mems[m].get("unavailable", [])
                   or self.planned(m, d, lambda c: self.cats[c]["severity"] >= 3) == 0)
        if free < self.lim(m, "min_recovery_days"):
            self.broken.add("recovery")

    def pins_and_unmet(self) -> None:
        if any((p["member"], p["shift"]) not in self.pairs for p in self.inst.get("pins", [])):
            self.broken.add("pin")
        got = [(u["shift"], u["missing"], u.get("summary", "").strip() != "")
               for u in self.sol["unmet"]]
        if sorted(got) != sorted((s, n, True) for s, n in self.missing.items()):
            self.broken.add("unmet")

    def objective(self) -> dict:
        """The five terms, straight from their definitions."""
        cats, mems, shifts, pairs = self.cats, self.mems, self.shifts, self.pairs
        window = [self.days[-1] - timedelta(days=k) for k in range(28)]
        ratios = [sum(self.dose(m, x, "logged") + self.dose(m, x, "planned") for x in window)
                  / (self.lim(m, "max_dose_28d")
                     * (self.lim(m, "reduced_factor") if mm.get("reduced_load") else 1))
                  for m, mm in mems.items()]
        worked = [any(self.dose(m, x, "planned") > 0 for x in window) for m in mems]
        dims = self.inst.get("diversity", {}).get("dimensions", [])

        def distinct(members, dim):
            return len({v for m in members for v in mems[m].get("perspectives", {}).get(dim, [])})

        div = sum(distinct([m for m, ss in pairs if ss == s], d) for s in shifts for d in dims)
        div += sum(distinct({m for m, s in pairs if shifts[s]["category"] == c}, d)
                   for c in cats for d in dims)
        reps = sum(1 for m in mems for c in cats for d in self.days if cats[c]["severity"] >= 3
                   and self.planned(m, d, lambda x, c=c: x == c) > 0
                   and self.planned(m, d - timedelta(days=1), lambda x, c=c: x == c)
                   + self.logged(m, d - timedelta(days=1), lambda x, c=c: x == c) > 0)
        prefs = sum((shifts[s]["category"] in mems[m].get("prefer", []))
                    - (shifts[s]["category"] in mems[m].get("avoid", [])) for m, s in pairs)
        return {"unmet": sum(n * cats[shifts[s]["category"]]["severity"]
                             for s, n in self.missing.items()),
                "max_relative_dose": float(max(ratios)), "diversity": div, "repeats": reps,
                "preferences": prefs,
                "fairness_max": float(max((r for r, w in zip(ratios, worked) if w), default=0)),
                "fairness_squares": float(sum(r * r for r in ratios))}


def brute(inst: dict, sol: dict) -> tuple[set, dict]:
    """Rule families broken and objective terms, by direct enumeration."""
    b = Brute(inst, sol)
    b.structure_and_eligibility()
    for m in b.mems:
        b.caps(m)
        b.windows(m)
        b.runs_and_recovery(m)
    b.pins_and_unmet()
    terms = b.objective()
    if sol["status"] in ("infeasible", "unknown") and not sol["assignments"]:
        return ({"unmet"} & b.broken if sol["unmet"] else set()), terms
    if sol["status"] in ("optimal", "feasible") and "objective" in sol:
        rep = sol["objective"]
        if any(rep[k] != terms[k] for k in ("unmet", "diversity", "repeats", "preferences")) or \
                any(abs(rep[k] - terms[k]) > 1e-3 for k in
                    ("max_relative_dose", "fairness_max", "fairness_squares") if k in rep):
            b.broken.add("objective")
    return b.broken, terms


MEMBERS = [m["id"] for m in INSTANCE["members"]] + ["m99"]
SHIFTS = [s["id"] for s in INSTANCE["shifts"]] + ["ghost"]


BASE = [(a["member"], a["shift"]) for a in tiny()[1]["assignments"] if a["shift"] != "jail-mon"] + [
    ("m01", "jail-mon"), ("m04", "jail-mon")]  # valid on INSTANCE: m02 is over 7-day dose Monday

OPS = st.one_of(
    st.tuples(st.just("drop"), st.integers(0, 20)),
    st.tuples(st.just("move"), st.integers(0, 20), st.sampled_from(MEMBERS[:-1])),
    st.tuples(st.just("add"), st.sampled_from(MEMBERS[:-1]), st.sampled_from(SHIFTS[:-1])),
    st.tuples(st.just("odd"), st.sampled_from(MEMBERS), st.sampled_from(SHIFTS)),
)


def mutate(pairs: list, ops: list) -> list:
    """Applies drop / move / add edits (odd may name unknown ids) to a valid rotation."""
    pairs = list(pairs)
    for op in ops:
        if op[0] == "drop" and pairs:
            pairs.pop(op[1] % len(pairs))
        elif op[0] == "move" and pairs:
            pairs[op[1] % len(pairs)] = (op[2], pairs[op[1] % len(pairs)][1])
        elif op[0] in ("add", "odd"):
            pairs.append((op[1], op[2]))
    return pairs


@st.composite
def solutions(draw) -> dict:
    """A mutated valid rotation whose unmet list and objective are right or slightly wrong."""
    pairs = mutate(BASE, draw(st.lists(OPS, max_size=4)))
    sol = {"format": "rotawell-solution/1", "status": draw(st.sampled_from(
        ["optimal", "feasible", "infeasible", "unknown"])), "unmet": [],
        "assignments": [{"member": m, "shift": s} for m, s in pairs]}
    staffed = {s: len({m for m, ss in pairs if ss == s}) for s in SHIFTS}
    sol["unmet"] = [{"shift": s["id"], "missing": s["people"] - staffed[s["id"]], "summary": "short"}
                    for s in INSTANCE["shifts"] if s["people"] > staffed[s["id"]]]
    if sol["unmet"] and draw(st.integers(0, 5)) == 0:
        sol["unmet"][draw(st.integers(0, len(sol["unmet"]) - 1))]["missing"] += 1
    if draw(st.booleans()):
        sol["objective"] = dict(brute(INSTANCE, sol)[1])
        if draw(st.integers(0, 3)) == 0:
            sol["objective"][draw(st.sampled_from(sorted(sol["objective"])))] += 1
    return sol


def families(violations: list[str]) -> set:
    """Maps the verifier's sentences back to rule families."""
    return {f for v in violations for f, words in FAMILIES.items() if any(w in v for w in words)}


def test_the_mutation_base_is_valid_but_for_its_unlisted_unmet_shifts():
    sol = {"status": "optimal", "unmet": [], "assignments": [{"member": m, "shift": s} for m, s in BASE]}
    violations = verify(INSTANCE, sol).violations
    assert len(violations) == 3 and all("not listed" in v for v in violations)


@settings(max_examples=150, deadline=None)
@given(solutions())
def test_verifier_agrees_with_brute_force(sol):
    report = verify(INSTANCE, sol)
    broken, terms = brute(INSTANCE, sol)
    assert families(report.violations) == broken, report.violations
    floats = ("max_relative_dose", "fairness_max", "fairness_squares")
    assert report.objective == {**terms, **{k: report.objective[k] for k in floats}}
    assert all(abs(report.objective[k] - terms[k]) < 1e-9 for k in floats)
