"""Seeded, realistic rotation instances for tests and the benchmark.

A red-teaming taxonomy (violence, self-harm, sexual content, child safety (opt-in), hate,
extremism, CBRN, cyber, privacy, deception, bias, jailbreaks), a team with perspectives
(discipline, language, region), 27 days of logged history, leave, opt-outs, a few reduced-load
members, and demand scaled to the team's capacity by `tightness`.

How demand is set: each member's capacity is estimated as
min(hours_per_week, hours_per_day x available days, dose allowance / mean dose weight), where the
dose allowance is what the member's effective 7- and 28-day dose limits leave after logged history
in the windows ending on the last planned day (scaled by days / 7 for plans longer than a week),
and the mean dose weight is that of the demand mix (dose per hour averaged over categories by
their demand weight). Total demand hours = tightness x the sum of these capacities, spread over
days and categories by the demand weights. The estimate ignores category caps, the severe ceiling,
opt-outs, opt-ins and recovery days, so it is an upper estimate: tightness 1.0 is at or a little
past what the caps allow (tight), 0.9 is near capacity, 1.3 is well past it.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace

from scheduler.model import (
    Category, HistoryEntry, Instance, Limits, Member, Options, Shift,
)

# id, name, severity, weight of demand
TAXONOMY = (
    ("violence", "Violent content", 3, 3), ("self_harm", "Self-harm", 4, 2),
    ("sexual", "Sexual content", 3, 2), ("hate", "Hate and harassment", 3, 3),
    ("cyber", "Cyber misuse", 2, 3), ("privacy", "Privacy and PII", 2, 2),
    ("deception", "Deception", 1, 2), ("jailbreak", "Jailbreaks", 1, 4),
    ("bias", "Bias and discrimination", 2, 2), ("extremism", "Violent extremism", 4, 1),
    ("child_safety", "Child safety", 4, 1), ("cbrn", "CBRN weapons", 3, 1),
)
CAPS = {1: (6, 24, 5), 2: (4, 16, 5), 3: (3, 9, 3), 4: (2, 6, 2)}  # day, week, consecutive
DISCIPLINES = ("security", "ml", "linguistics", "psychology", "policy", "trust_safety", "law")
LANGUAGES = ("en", "es", "fr", "de", "zh", "ar", "hi", "pt", "ru", "ja", "sw")
REGIONS = ("americas", "emea", "apac", "africa")


@dataclass(frozen=True)
class GenParams:
    """Size and shape of a generated instance."""

    members: int = 12
    categories: int = 8
    days: int = 5
    tightness: float = 1.0
    start: str = "2026-11-30"
    time_limit_s: float = 10.0
    workers: int = 8


PRESETS = {
    "S": GenParams(12, 8, 5, time_limit_s=10),
    "M": GenParams(60, 10, 5, time_limit_s=10),
    "L": GenParams(250, 12, 7, time_limit_s=30),
    "XL": GenParams(1000, 12, 7, time_limit_s=60),
}


def _categories(n: int) -> tuple[Category, ...]:
    out = []
    for cid, name, sev, _ in TAXONOMY[:n]:
        day, week, consec = CAPS[sev]
        out.append(Category(cid, name, sev, day, week, consec, requires_opt_in=cid == "child_safety"))
    return tuple(out)


def _history(rng: random.Random, cats, start: dt.date, rate: float) -> tuple[HistoryEntry, ...]:
    out = []
    for back in range(27, 0, -1):
        if rng.random() < rate:
            cat = rng.choice(cats)
            hours = rng.choice((1, 1.5, 2, 2.5, 3))
            out.append(HistoryEntry(str(start - dt.timedelta(days=back)), cat.id,
                                    min(hours, cat.max_hours_per_day)))
    return tuple(out)


def _member(rng: random.Random, i: int, cats, days: list[str], start: dt.date) -> Member:
    per_day = rng.choice((4, 6, 6, 8))
    severe = [c.id for c in cats if c.severity >= 3 and not c.requires_opt_in]
    leave = set(rng.sample(days, k=min(len(days), rng.choice((0, 0, 0, 1, 2)))))
    leave |= {d for d in days if rng.random() < 0.05}
    prefs = rng.sample([c.id for c in cats], k=rng.choice((0, 1, 2)))
    reduced, custom = rng.random() < 0.05, rng.random() < 0.05
    return Member(
        id=f"m{i:04d}", hours_per_day=per_day,
        hours_per_week=min(per_day * len(days), rng.choice((16, 20, 24, 30, 32))),
        unavailable=tuple(sorted(leave)),
        opted_in=tuple(c.id for c in cats if c.requires_opt_in and rng.random() < 0.35),
        opted_out=tuple(c for c in severe if rng.random() < 0.15),
        perspectives={"discipline": (rng.choice(DISCIPLINES),),
                      "language": tuple(rng.sample(LANGUAGES, k=rng.choice((1, 1, 2, 3)))),
                      "region": (rng.choice(REGIONS),)},
        prefer=tuple(prefs[:1]), avoid=tuple(prefs[1:]),
        reduced_load=reduced, limits={"max_dose_28d": 60} if custom else {},
        history=_history(rng, cats, start, 0.2 if reduced or custom else 0.45))


def _shifts(rng: random.Random, cats, days: list[str], demand_hours: float) -> tuple[Shift, ...]:
    weights = {c.id: w for cid, _, _, w in TAXONOMY for c in cats if c.id == cid}
    total_w = sum(weights.values())
    out = []
    for day in days:
        for cat in cats:
            share = demand_hours * weights[cat.id] / total_w / len(days)
            n_shifts = max(1, min(3, round(share / 12)))
            for k in range(n_shifts):
                hours = min(cat.max_hours_per_day, rng.choice((1.5, 2, 2.5, 3)))
                people = max(1, round(share / n_shifts / hours * rng.uniform(0.8, 1.2)))
                out.append(Shift(f"{cat.id}-{day}-{k}", cat.id, day, hours, people))
    return tuple(out)


def _mean_weight(cats, limits: Limits) -> float:
    """Dose per hour of the demand mix (categories weighted by their share of demand)."""
    weights = {cid: w for cid, _, _, w in TAXONOMY}
    total = sum(weights[c.id] for c in cats)
    return sum(weights[c.id] * limits.dose_weights[c.severity] for c in cats) / total


def member_capacity(m: Member, cats, start: dt.date, n_days: int) -> float:
    """Hours a member could plausibly work in the plan (see the module docstring).

    Args:
        m: The member (team limits are the defaults, as generate() writes them).
        cats: The instance's categories.
        start: First planned day.
        n_days: Number of planned days.

    Returns:
        min(weekly hours, daily hours x available days, dose allowance / mean dose weight).
    """
    lim = Limits()
    cap7 = float(m.limits.get("max_dose_7d", lim.max_dose_7d))
    cap28 = float(m.limits.get("max_dose_28d", lim.max_dose_28d))
    if m.reduced_load:
        cap7, cap28 = cap7 * lim.reduced_factor, cap28 * lim.reduced_factor
    sev = {c.id: c.severity for c in cats}

    def hist(width: int) -> float:
        first = start - dt.timedelta(days=max(0, width - n_days))
        return sum(h.hours * lim.dose_weights[sev[h.category]] for h in m.history
                   if first <= dt.date.fromisoformat(h.date))

    allowance = min(max(0.0, cap7 - hist(7)) * max(1.0, n_days / 7), max(0.0, cap28 - hist(28)))
    hours = min(m.hours_per_week, m.hours_per_day * (n_days - len(m.unavailable)))
    return min(hours, allowance / _mean_weight(cats, lim))


def generate(size_or_params: str | GenParams = "S", seed: int = 0, **overrides) -> Instance:
    """Generate a seeded instance.

    Args:
        size_or_params: A preset name ("S", "M", "L", "XL") or GenParams.
        seed: Random seed; the same seed gives the same instance.
        **overrides: GenParams fields to change, e.g. tightness=1.3.

    Returns:
        A valid Instance (it round-trips through scheduler.io).
    """
    params = PRESETS[size_or_params] if isinstance(size_or_params, str) else size_or_params
    params = replace(params, **overrides)
    rng = random.Random(seed)
    start = dt.date.fromisoformat(params.start)
    days = [str(start + dt.timedelta(days=i)) for i in range(params.days)]
    cats = _categories(params.categories)
    members = tuple(_member(rng, i, cats, days, start) for i in range(params.members))
    capacity = sum(member_capacity(m, cats, start, len(days)) for m in members)
    shifts = _shifts(rng, cats, days, params.tightness * capacity)
    return Instance(days=tuple(days), categories=cats, members=members, shifts=shifts,
                    limits=Limits(), diversity_dimensions=("discipline", "language", "region"),
                    options=Options(params.time_limit_s, params.workers, seed))
