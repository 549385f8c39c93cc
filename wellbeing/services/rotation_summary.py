"""The week in a manager's words: places filled or not (and where), the fairness figure, and the solver's proof
status only when it changes what the manager should do."""
from wellbeing.models import Rotation


def _short_places(rotation: Rotation) -> list[tuple[str, int]]:
    return [(f"{s.category.name} {s.day.strftime('%a')}", s.people - len(s.assignments))
            for s in rotation.shifts if len(s.assignments) < s.people]


def summary_lines(rotation: Rotation) -> list[str]:
    """Plain sentences for the top of the week's page; empty before the first solve."""
    if rotation.solver_status is None:
        return []
    if rotation.solver_status == "infeasible":
        return ["The pinned members cannot all be kept: see the message above, and unpin one of them."]
    if rotation.solver_status == "unknown":
        return ["No rotation was found within the time limit: generate again with more time."]
    places = sum(s.people for s in rotation.shifts)
    short = _short_places(rotation)
    missing = sum(n for _where, n in short)
    if not missing:
        lines = [f"All {places} places filled."]
    else:
        where = ", ".join(w if n == 1 else f"{w} ×{n}" for w, n in short)
        lines = [f"{missing} {'place' if missing == 1 else 'places'} could not be filled ({where})."]
    objective = rotation.objective or {}
    if "max_relative_dose" in objective:
        lines.append(f"Highest 28-day dose: {round(objective['max_relative_dose'] * 100)}% of limit.")
    if missing and rotation.bound is not None and rotation.bound < objective.get("unmet", 0):
        lines.append("The solver ran out of time before proving that no rotation fills more places: "
                     "generating again with more time might fill some.")
    return lines
