"""The wellbeing contact's confidential inbox of follow-up requests."""
from wellbeing.contact.routes import bp

__all__ = ["bp"]
