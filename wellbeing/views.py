"""Values every template needs: navigation for the user's roles and the support resources."""
from flask import Flask
from flask_login import current_user

NAV = (
    ("member", "member.home", "My wellbeing"),
    ("manager", "manager.home", "My team"),
    ("hr", "hr.home", "Dashboards"),
    ("admin", "admin.home", "Administration"),
    ("wellbeing", "wellbeing.inbox", "Follow-ups"),
)


def home_endpoint(user) -> str:
    """The first home page the user's roles give them, in the order of NAV."""
    for role, endpoint, _label in NAV:
        if user.has_role(role):
            return endpoint
    return "member.resources"


def warning_fraction() -> float:
    """The admin-set warning level (a fraction of a limit), for pages that colour warnings."""
    from wellbeing.services.policy import current_policy
    return current_policy().warning_fraction


def register_template_helpers(app: Flask) -> None:
    """Expose the role navigation, the warning level and the contact-link helper to templates."""
    from wellbeing.contact_links import link_for
    app.jinja_env.globals["warning_fraction"] = warning_fraction
    app.jinja_env.globals["contact_link"] = link_for

    @app.context_processor
    def navigation():
        if not current_user.is_authenticated:
            return {"nav_items": []}
        return {"nav_items": [(endpoint, label) for role, endpoint, label in NAV if current_user.has_role(role)]}
