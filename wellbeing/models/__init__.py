"""All models, importable from one place."""
from wellbeing.models.activity import CONTACT_ROUTES, FOLLOW_UP_STATES, PROMPT_REASONS, SOURCES, CheckIn, ExposureLog, FollowUpRequest, Prompt
from wellbeing.models.catalog import Category, DosePolicy, InstrumentSetting
from wellbeing.models.disclosure import Release, ReleasedCell, TeamMembership
from wellbeing.models.people import (ROLES, CategoryChoice, CategoryPause, Leave, Perspective, ReducedLoadWeek, Team,
                                     User, UserRole)
from wellbeing.models.rotation import Assignment, DemandTemplate, Rotation, Shift, SolveJob
from wellbeing.models.sessions import PasswordResetLink, SignInSession
from wellbeing.models.support import (RESOURCE_KIND_LABELS, RESOURCE_KINDS, AuditEntry, ExposureAlert, Notification,
                                      Resource)
from wellbeing.models.testing_sessions import TestingSession
from wellbeing.models.tokens import ApiToken

__all__ = [
    "CategoryPause",
    "TestingSession",
    "CONTACT_ROUTES", "FOLLOW_UP_STATES",
    "PROMPT_REASONS", "SOURCES", "CheckIn", "ExposureLog", "FollowUpRequest", "Prompt", "ApiToken", "Category", "DosePolicy", "InstrumentSetting", "ROLES",
    "CategoryChoice", "Leave", "Perspective", "ReducedLoadWeek", "Team", "User", "UserRole", "Assignment",
    "Rotation", "Shift", "DemandTemplate", "SolveJob", "Notification", "ExposureAlert", "RESOURCE_KIND_LABELS", "RESOURCE_KINDS", "AuditEntry", "Resource",
    "PasswordResetLink", "SignInSession",
    "Release", "ReleasedCell", "TeamMembership",
]
