"""Administration: accounts and roles, teams, categories and their caps, the audit log."""
from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from wellbeing.admin import bp
from wellbeing.admin.forms import CategoryForm, TeamForm, UserForm
from wellbeing.extensions import db
from wellbeing.models import AuditEntry, Category, Team, User
from wellbeing.lookup import get_or_404
from wellbeing.auth.password_reset import link_base, link_lifetime
from wellbeing.models._base import utcnow
from wellbeing.services import accounts, credentials


def _teams() -> list[Team]:
    return list(db.session.scalars(select(Team).order_by(Team.name)))


def _home_page(team_form: TeamForm):
    users = db.session.scalars(select(User).options(selectinload(User.role_rows), selectinload(User.team))
                               .order_by(User.name)).all()
    categories = db.session.scalars(select(Category).order_by(Category.severity.desc(), Category.name)).all()
    teams = db.session.scalars(select(Team).options(selectinload(Team.members)).order_by(Team.name)).all()
    return render_template("admin/home.html", users=users, teams=teams, categories=categories,
                           team_form=team_form)


@bp.route("/")
def home():
    """Accounts, teams and categories at a glance."""
    return _home_page(TeamForm())


@bp.route("/users/new", methods=["GET", "POST"])
def create_user():
    """Create an account with roles and a team."""
    form = UserForm(teams=_teams())
    if form.validate_on_submit():
        user = accounts.create_user(
            current_user, email=form.email.data, name=form.name.data, password=None,
            roles=form.roles.data, team=db.session.get(Team, form.team_id.data),
            hours_per_day=form.hours_per_day.data, hours_per_week=form.hours_per_week.data)
        mailed = credentials.invite(current_user, user, utcnow(), link_lifetime(), link_base())
        flash(f"Account created for {user.name}. " + _link_sent(user, mailed), "success")
        return redirect(url_for("admin.home"))
    return render_template("admin/user_form.html", form=form, user=None)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id: int):
    """Change an account's details, roles and team."""
    user = get_or_404(User, user_id)
    form = UserForm(obj=user, user_id=user.id, teams=_teams())
    if not form.is_submitted():
        form.roles.data, form.team_id.data = sorted(user.roles), user.team_id or 0
    if form.validate_on_submit():
        accounts.update_user(
            current_user, user, name=form.name.data, email=user.email, roles=form.roles.data,
            team=db.session.get(Team, form.team_id.data), active=form.active.data,
            hours_per_day=form.hours_per_day.data, hours_per_week=form.hours_per_week.data)
        flash(f"Saved {user.name}.", "success")
        return redirect(url_for("admin.home"))
    return render_template("admin/user_form.html", form=form, user=user)


def _link_sent(user: User, mailed: bool) -> str:
    if mailed:
        return f"A one-time link to set their password was e-mailed to {user.email}."
    return (f"No mail server is set: run `flask users reset-link {user.email}` on the server and give them "
            "the link it prints; you never see or set their password.")


@bp.route("/users/<int:user_id>/reset-password", methods=["POST"])
def reset_password(user_id: int):
    """End the person's sessions and disable their password; they set a new one through a one-time link."""
    user = get_or_404(User, user_id)
    mailed = credentials.reset_by_admin(current_user, user, utcnow(), link_lifetime(), link_base())
    flash(f"{user.name}'s password is reset and they are signed out everywhere. " + _link_sent(user, mailed), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.route("/teams", methods=["POST"])
def create_team():
    """Create a team from the form on the admin home page."""
    form = TeamForm()
    if form.validate_on_submit():
        team = accounts.create_team(current_user, form.name.data)
        flash(f"Team {team.name} created.", "success")
        return redirect(url_for("admin.home"))
    return _home_page(form)


@bp.route("/categories/new", methods=["GET", "POST"])
@bp.route("/categories/<int:category_id>", methods=["GET", "POST"])
def edit_category(category_id: int | None = None):
    """Create a category or change its severity and caps."""
    category = get_or_404(Category, category_id) if category_id is not None else Category()
    form = CategoryForm(obj=category, category_id=category_id)
    if form.validate_on_submit():
        accounts.save_category(current_user, category, form.category_fields())
        flash(f"Saved {category.name}.", "success")
        return redirect(url_for("admin.home"))
    return render_template("admin/category_form.html", form=form, category=category)


@bp.route("/audit")
def audit():
    """The most recent audit entries."""
    entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(200)).all()
    names = {u.id: u.name for u in db.session.scalars(select(User))}
    return render_template("admin/audit.html", entries=entries, names=names)
