"""The disclosure rules on their own: threshold, dominance against colluders, complementary suppression."""
from hypothesis import given, settings
from hypothesis import strategies as st

from wellbeing.disclosure import Rules, protect
from wellbeing.disclosure.tables import ORG, build_table

RULES = Rules(minimum=5)


def test_fewer_than_the_minimum_is_hidden_and_an_empty_cell_is_shown():
    assert RULES.reason({1: 60, 2: 60, 3: 60, 4: 60}) == "threshold"
    assert RULES.reason({}) is None


def test_one_minute_padding_leaves_the_cell_hidden_by_dominance():
    assert RULES.reason({1: 137, 2: 1, 3: 1, 4: 1, 5: 1}) == "dominance"


def test_people_beyond_the_largest_five_carrying_a_quarter_of_the_largest_make_a_cell_shown():
    assert RULES.reason({i: 60 for i in range(1, 7)}) is None
    assert RULES.reason({**{i: 60 for i in range(1, 6)}, 6: 14}) == "dominance"


@settings(max_examples=60, deadline=None)
@given(victim=st.integers(1, 720), pads=st.lists(st.integers(1, 720), min_size=1, max_size=4),
       others=st.lists(st.integers(1, 720), max_size=6))
def test_colluders_never_estimate_a_victim_within_a_quarter_of_their_hours(victim, pads, others):
    """Four colluders know their own pads; subtracting them from a shown cell leaves the victim plus others."""
    cell = {0: victim, **{100 + i: p for i, p in enumerate(pads)}, **{200 + i: o for i, o in enumerate(others)}}
    if RULES.reason(cell) is None:
        estimate = sum(cell.values()) - sum(pads)
        assert estimate - victim >= 0.25 * victim


def _exposure_table(base):
    return build_table("magnitude", base, {"cat:1": "tier:3", "cat:2": "tier:3", "cat:3": "tier:1",
                                           "tier:3": "all", "tier:1": "all"},
                       teams=[1, 2, 3], groups=["cat:1", "cat:2", "cat:3", "tier:3", "tier:1", "all"])


def _people(start, n, minutes=60):
    return {start + i: minutes for i in range(n)}


def test_a_hidden_cell_is_never_alone_in_a_relation():
    base = {(t, c): _people(100 * t + 10 * int(c[-1]), 8) for t in (1, 2, 3) for c in ("cat:1", "cat:2", "cat:3")}
    base[(2, "cat:1")] = _people(999, 3)  # the one small cell
    table = _exposure_table(base)
    hidden = protect(table, RULES)
    assert hidden[(2, "cat:1")] == "threshold"
    for total, parts in table.relations:
        assert sum(1 for k in [total, *parts] if hidden[k]) != 1
    assert hidden[(ORG, "all")] is None  # the grand total survives


def test_hidden_parts_of_a_shown_total_together_pass_the_rules():
    base = {(t, "cat:1"): _people(100 * t, 8) for t in (1, 2, 3)}
    base[(1, "cat:1")], base[(2, "cat:1")] = _people(500, 2), _people(600, 2)  # 4 people together: still too few
    table = build_table("magnitude", base, {}, teams=[1, 2, 3], groups=["cat:1"])
    hidden = protect(table, RULES)
    assert all(hidden[(t, "cat:1")] for t in (1, 2, 3))
