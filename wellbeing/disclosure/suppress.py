"""Complementary suppression over a table of cells linked by additive relations."""
from dataclasses import dataclass, field

from wellbeing.disclosure.rules import Contributions, Rules, union

Key = tuple  # (team id or None for the organisation, group such as 'cat:3', 'tier:3' or 'all')


@dataclass
class Table:
    """Cells of one release with the relations (total = sum of parts) an adversary could subtract along."""

    kind: str  # 'magnitude' or 'count'
    cells: dict[Key, Contributions] = field(default_factory=dict)
    relations: list[tuple[Key, list[Key]]] = field(default_factory=list)

    def value(self, key: Key) -> float:
        """A count cell's value is its number of people; a magnitude cell's is the sum."""
        cell = self.cells[key]
        return float(sum(1 for v in cell.values() if v > 0)) if self.kind == "count" else sum(cell.values())


def protect(table: Table, rules: Rules, start: dict[Key, str | None] | None = None) -> dict[Key, str | None]:
    """Each cell's reason to be hidden ('threshold', 'dominance', 'complementary') or None when shown.

    `start` carries cells already hidden for another measure over the same cells (hours and dose).
    """
    hidden = {key: rules.reason(cell, table.kind) or (start or {}).get(key) for key, cell in table.cells.items()}
    changed = True
    while changed:
        changed = False
        for total, parts in table.relations:
            if _exposed(table, rules, hidden, total, parts):
                pick = _next_smallest(table, hidden, total, parts)
                if pick is not None:
                    hidden[pick] = "complementary"
                    changed = True
    return hidden


def protect_together(tables: list[Table], rules: Rules) -> dict[Key, str | None]:
    """One hidden pattern safe for every table over the same cells (e.g. hours and dose of a week)."""
    hidden: dict[Key, str | None] = {}
    while True:
        before = {k for k, v in hidden.items() if v}
        for table in tables:
            hidden = protect(table, rules, hidden)
        if {k for k, v in hidden.items() if v} == before:
            return hidden


def _exposed(table: Table, rules: Rules, hidden, total: Key, parts: list[Key]) -> bool:
    """True when this relation lets a hidden cell, or a too-small group of hidden parts, be recovered."""
    secret = [k for k in [total, *parts] if hidden[k]]
    if not secret:
        return False
    if len(secret) == 1:
        return True
    if hidden[total]:
        return False
    together = union(*(table.cells[k] for k in parts if hidden[k]))
    return rules.reason(together, table.kind) is not None


def _next_smallest(table: Table, hidden, total: Key, parts: list[Key]) -> Key | None:
    """The shown part with the smallest non-zero value (Viva Glint's next-smallest group), else the total."""
    shown = [k for k in parts if not hidden[k]]
    nonzero = [k for k in shown if table.value(k) > 0]
    if nonzero or shown:
        return min(nonzero or shown, key=table.value)
    return None if hidden[total] else total
