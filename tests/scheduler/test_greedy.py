"""The greedy baseline ranks members by the dose the fairness term counts: the 28-day window."""

from scheduler.greedy import greedy
from scheduler.model import Category, HistoryEntry, Instance, Limits, Member, Options, Shift

BIAS = Category("bias", "Bias", 2, 8, 40, 5)


def test_history_older_than_the_28_day_window_does_not_make_a_member_look_dosed():
    # `old` logged 64 h six weeks ago (outside the window), `recent` 4 h last week: inside the
    # window `old` is at 0 and `recent` at 0.05, so the one shift goes to `old`.
    old = Member("old", 8, 40, history=tuple(HistoryEntry(f"2026-10-{d}", "bias", 8)
                                             for d in range(12, 20)))
    recent = Member("recent", 8, 40, history=(HistoryEntry("2026-11-25", "bias", 4),))
    inst = Instance(days=("2026-11-30",), categories=(BIAS,), members=(recent, old),
                    shifts=(Shift("s0", "bias", "2026-11-30", 4, 1),), limits=Limits(),
                    options=Options(1, 1, 0))
    (only,) = greedy(inst).assignments
    assert only.member == "old"
