"""The default category taxonomy for AI red teaming, the dose policy and placeholder resources.

Caps follow published moderation practice (graphic review capped at about 4 hours a day) and
tighten with the severity tier; admins edit them for their organisation.
"""
from sqlalchemy import select

from wellbeing.extensions import db
from wellbeing.models import Category, DosePolicy, Resource

# slug, name, severity, hours/day, hours/week, consecutive days, opt-in only, description
CATEGORIES = (
    ("violence", "Violent content", 3, 3, 8, 2, False, "Graphic violence, gore, threats."),
    ("self_harm", "Self-harm and suicide", 4, 2, 5, 1, False, "Self-harm, suicide and eating-disorder content."),
    ("sexual", "Sexual content", 3, 3, 8, 2, False, "Explicit sexual content involving adults."),
    ("child_safety", "Child safety", 4, 2, 4, 1, True, "Child sexual exploitation risks; opt-in only."),
    ("hate", "Hate and harassment", 3, 3, 9, 3, False, "Slurs, dehumanisation, targeted harassment."),
    ("extremism", "Violent extremism", 4, 2, 6, 2, False, "Terrorist propaganda, recruitment, glorification."),
    ("cbrn", "CBRN and weapons", 3, 3, 10, 3, False, "Chemical, biological, radiological, nuclear and weapons uplift."),
    ("cyber", "Cyber misuse", 2, 4, 14, 4, False, "Malware, intrusion and exploitation assistance."),
    ("privacy", "Privacy and PII extraction", 2, 4, 14, 4, False, "Extraction of personal data and doxxing."),
    ("deception", "Deception and misinformation", 1, 5, 20, 5, False, "Fraud, scams, disinformation."),
    ("bias", "Bias and discrimination", 2, 4, 14, 5, False, "Stereotyping and unfair treatment of groups."),
    ("jailbreak", "Jailbreak-only testing", 1, 6, 24, 5, False, "Jailbreak techniques with no harmful payload."),
)

PLACEHOLDER_RESOURCES = (
    ("eap", "Employee assistance programme (placeholder)", "Free, confidential counselling sessions for staff.",
     "Replace with your EAP's phone number and website", "24/7"),
    ("counselling", "Book a counsellor (placeholder)", "Sessions with a counsellor who knows content work.",
     "Replace with your booking link", "Weekdays 9:00–17:00"),
    ("peer_support", "Peer support circle (placeholder)", "Colleagues trained to listen, meeting weekly.",
     "Replace with your channel or room", "Thursdays 16:00"),
    ("crisis_line", "Crisis line (placeholder)", "If you are in crisis or thinking about harming yourself, "
     "call your local emergency number or a crisis line now.", "Replace with your local crisis line", "24/7"),
    ("self_care", "Decompression routine (placeholder)", "A short routine for after a heavy session: "
     "step away, move, talk to someone, do something absorbing.", "Replace with your own guide", "Any time"),
)


def ensure_defaults() -> bool:
    """Add the taxonomy, dose policy and placeholder resources where none exist; True if anything was added."""
    added = False
    if db.session.scalar(select(Category.id).limit(1)) is None:
        for slug, name, sev, day, week, consec, opt_in, description in CATEGORIES:
            db.session.add(Category(slug=slug, name=name, severity=sev, max_hours_per_day=day,
                                    max_hours_per_week=week, max_consecutive_days=consec,
                                    requires_opt_in=opt_in, description=description))
        added = True
    if db.session.scalar(select(DosePolicy.id).limit(1)) is None:
        db.session.add(DosePolicy())
        added = True
    if db.session.scalar(select(Resource.id).limit(1)) is None:
        for position, (kind, title, description, contact, hours) in enumerate(PLACEHOLDER_RESOURCES):
            db.session.add(Resource(kind=kind, title=title, description=description, contact=contact,
                                    hours=hours, is_placeholder=True, position=position))
        added = True
    db.session.commit()
    return added
