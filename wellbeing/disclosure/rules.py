"""Primary suppression: whether one cell, on its own, says too much about too few people."""
from dataclasses import dataclass

DOMINANCE_P = 0.25  # protection level: colluders' error on anyone's contribution is at least this share

Contributions = dict[int, float]  # person id -> their part of a cell (hours, dose, events, a score)


@dataclass(frozen=True)
class Rules:
    """The threshold and dominance rule for one release; `minimum` is ANONYMITY_MIN."""

    minimum: int
    p: float = DOMINANCE_P

    def reason(self, contributions: Contributions, kind: str = "magnitude") -> str | None:
        """Why a cell must be hidden ('threshold', 'dominance'), or None when it may be shown.

        `kind` is 'magnitude' for sums (hours, dose, scores, events) and 'count' for numbers of people.
        An empty cell is shown: a zero describes nobody.
        """
        values = sorted((v for v in contributions.values() if v > 0), reverse=True)
        if not values:
            return None
        if len(values) < self.minimum:
            return "threshold"
        if kind == "magnitude" and sum(values[self.minimum:]) < self.p * values[0]:
            return "dominance"
        return None


def union(*cells: Contributions) -> Contributions:
    """The contributions of several cells taken together (a person in two cells counts once, summed)."""
    merged: Contributions = {}
    for cell in cells:
        for person, value in cell.items():
            merged[person] = merged.get(person, 0.0) + value
    return merged
