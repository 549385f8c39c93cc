"""Property: for any organisation, no hidden cell can be pinned down from the shown cells.

Tolerance: the adversary's interval for a cell hidden for its own sake (threshold or dominance) is at
least DOMINANCE_P (25%) of that cell's largest contribution wide, so nobody's hours follow from it.
"""
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.web.lp_audit import interval
from wellbeing.disclosure import DOMINANCE_P, ORG, Rules, build_table, protect

CATEGORIES = {"cat:1": "tier:3", "cat:2": "tier:3", "cat:3": "tier:1"}
PARENTS = {**CATEGORIES, "tier:3": "all", "tier:1": "all"}
GROUPS = [*PARENTS, "all"]


def _covers(cell, leaf) -> bool:
    team, group = cell
    leaf_team, leaf_group = leaf
    if team is not ORG and team != leaf_team:
        return False
    return group in ("all", leaf_group) or CATEGORIES[leaf_group] == group


cell_people = st.lists(st.integers(1, 600), max_size=9)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(cell_people, min_size=3, max_size=3), min_size=2, max_size=4))
def test_no_hidden_cell_can_be_recovered_from_totals_siblings_and_filters(org):
    base, person = {}, iter(range(10_000))
    for team, cells in enumerate(org, start=1):
        for category, minutes in zip(CATEGORIES, cells):
            base[(team, category)] = {next(person): m / 60 for m in minutes}
    teams = list(range(1, len(org) + 1))
    table = build_table("magnitude", base, PARENTS, teams, GROUPS)
    hidden = protect(table, Rules(minimum=5))
    leaves = list(base)
    shown = {key: table.value(key) for key in table.cells if not hidden[key]}
    for key, reason in hidden.items():
        if reason in ("threshold", "dominance"):
            low, high = interval(leaves, shown, _covers, key)
            largest = max(table.cells[key].values())
            assert high - low >= DOMINANCE_P * largest - 1e-6, (key, reason, low, high, table.value(key))
