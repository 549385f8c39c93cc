"""All models, importable from one place."""
from wellbeing.models.activity import PROMPT_REASONS, SOURCES, CheckIn, ExposureLog, Prompt
from wellbeing.models.catalog import Category, DosePolicy
from wellbeing.models.people import (ROLES, CategoryChoice, Leave, Perspective, ReducedLoadWeek, Team, User,
                                     UserRole)
from wellbeing.models.rotation import Assignment, Rotation, Shift
from wellbeing.models.support import RESOURCE_KIND_LABELS, RESOURCE_KINDS, AuditEntry, Resource

__all__ = [
    "PROMPT_REASONS", "SOURCES", "CheckIn", "ExposureLog", "Prompt", "Category", "DosePolicy", "ROLES",
    "CategoryChoice", "Leave", "Perspective", "ReducedLoadWeek", "Team", "User", "UserRole", "Assignment",
    "Rotation", "Shift", "RESOURCE_KIND_LABELS", "RESOURCE_KINDS", "AuditEntry", "Resource",
]
