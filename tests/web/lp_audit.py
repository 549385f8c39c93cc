"""The adversary's best arithmetic: the tightest interval for a hidden cell given every shown cell.

Unknowns are the finest cells (team x category), at least zero; every shown number (any team or the
organisation, any category, tier or the whole) must equal the sum of the finest cells under it, within
its rounding. Linear programming (GLOP) then gives the least and greatest value the hidden cell can take:
no combination of totals, siblings, narrowing filters or differences can pin it closer than that.
"""
from ortools.linear_solver import pywraplp

CEILING = 1e6  # stands in for "no bound": GLOP reports some unbounded problems as infeasible


def interval(leaves: list[tuple], shown: dict[tuple, float], covers, target: tuple, slack: float = 1e-6):
    """(least, greatest) value of the cell `target`; `covers(cell, leaf)` says whether a leaf adds into a cell."""
    bounds = []
    for sense in (1, -1):
        solver = pywraplp.Solver.CreateSolver("GLOP")
        x = {leaf: solver.NumVar(0, CEILING, str(leaf)) for leaf in leaves}
        for cell, value in shown.items():
            total = sum(x[leaf] for leaf in leaves if covers(cell, leaf))
            solver.Add(total >= value - slack)
            solver.Add(total <= value + slack)
        solver.Minimize(sense * sum(x[leaf] for leaf in leaves if covers(target, leaf)))
        assert solver.Solve() == pywraplp.Solver.OPTIMAL
        bounds.append(sense * solver.Objective().Value())
    return bounds[0], bounds[1]
