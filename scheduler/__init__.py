"""Rotawell rotation solver: pure library, dataclasses in, dataclasses out (CP-SAT inside).

Imports only the standard library, ortools and jsonschema, never the web app. The solver is
loaded on first use of `scheduler.solve`, so that the independent verifier
(`scheduler.check`, `from scheduler import verify`) can be imported without any solver module.
"""

import sys
import types

from scheduler.check import verify
from scheduler.io import FormatError, load_instance
from scheduler.model import (
    Assignment, Category, Instance, Member, Objective, Pin, PinError, Shift, Solution, Status,
    Unmet,
)

__all__ = [
    "solve", "verify", "load_instance", "FormatError", "PinError", "Instance", "Solution", "Status",
    "Assignment", "Category", "Member", "Objective", "Pin", "Shift", "Unmet",
]


class _Package(types.ModuleType):
    """Keeps `scheduler.solve` the function when the submodule scheduler.solve is imported.

    Python sets a package attribute to each submodule it imports; here that attribute is the
    public solve() function (the submodule stays reachable as sys.modules["scheduler.solve"]).
    """

    def __setattr__(self, name, value):
        if name == "solve" and isinstance(value, types.ModuleType):
            value = value.solve
        super().__setattr__(name, value)

    def __getattr__(self, name):
        if name == "solve":
            from scheduler.solve import solve  # sets the attribute through __setattr__

            return solve
        raise AttributeError(f"module 'scheduler' has no attribute {name!r}")


sys.modules[__name__].__class__ = _Package
