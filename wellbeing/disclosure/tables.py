"""Building a release's table: base cells rolled up a group hierarchy and across teams."""
from collections import defaultdict

from wellbeing.disclosure.rules import Contributions, union
from wellbeing.disclosure.suppress import Key, Table

ORG = None  # the team key of the whole organisation's row


def build_table(kind: str, base: dict[Key, Contributions], parents: dict[str, str], teams: list[int],
                groups: list[str]) -> Table:
    """Every (team or organisation) x group cell, with the relations that tie totals to their parts.

    `base` holds the finest cells, (team id, leaf group) -> contributions; `parents` maps each group to
    the group it adds up into ('cat:4' -> 'tier:3' -> 'all'); `groups` lists every group, leaves first.
    """
    children: dict[str, list[str]] = defaultdict(list)
    for child, parent in parents.items():
        children[parent].append(child)
    table = Table(kind)
    for team in teams:
        for group in groups:
            table.cells[(team, group)] = _rolled_up(base, team, group, children)
    for group in groups:
        table.cells[(ORG, group)] = union(*(table.cells[(t, group)] for t in teams))
        if teams:
            table.relations.append(((ORG, group), [(t, group) for t in teams]))
    for row in [*teams, ORG]:
        for parent, kids in children.items():
            table.relations.append(((row, parent), [(row, k) for k in kids]))
    return table


def _rolled_up(base, team, group: str, children) -> Contributions:
    if group not in children:
        return dict(base.get((team, group), {}))
    return union(*(_rolled_up(base, team, child, children) for child in children[group]))
