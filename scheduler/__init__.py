"""Rotawell rotation solver: pure library, dataclasses in, dataclasses out (CP-SAT inside).

Imports only the standard library, ortools and jsonschema, never the web app.
"""

from scheduler.check import verify
from scheduler.io import FormatError, load_instance
from scheduler.model import (
    Assignment, Category, Instance, Member, Objective, Pin, PinError, Shift, Solution, Status,
    Unmet,
)
from scheduler.solve import solve

__all__ = [
    "solve", "verify", "load_instance", "FormatError", "PinError", "Instance", "Solution", "Status",
    "Assignment", "Category", "Member", "Objective", "Pin", "Shift", "Unmet",
]
