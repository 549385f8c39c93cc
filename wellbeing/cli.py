"""Command-line tasks: accounts, demo data, retention, solve workers (`flask jobs worker`), daily tasks."""
import re
from datetime import date, datetime, timedelta, timezone

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import select

from wellbeing.defaults import ensure_defaults
from wellbeing.extensions import db
from wellbeing.models import User
from wellbeing.services.accounts import create_user, email_taken
from wellbeing.services.credentials import issue_reset_link, reset_url, user_by_email
from wellbeing.services.passwords import password_problem

users_cli = AppGroup("users", help="Manage user accounts.")
demo_cli = AppGroup("demo", help="Demo data.")
retention_cli = AppGroup("retention", help="Delete data that is past its retention period.")
sessions_cli = AppGroup("sessions", help="Testing-session timers.")
jobs_cli = AppGroup("jobs", help="Solve jobs on RQ (needs REDIS_URL).")
daily_cli = AppGroup("daily", help="The once-a-day tasks (run from cron; see the README).")


@users_cli.command("create-admin")
@click.option("--email", prompt=True, help="The administrator's e-mail address.")
@click.option("--name", prompt=True, help="The administrator's full name.")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              envvar="ROTAWELL_ADMIN_PASSWORD",
              help="At least 12 characters, hard to guess (or set ROTAWELL_ADMIN_PASSWORD).")
def create_admin(email: str, name: str, password: str) -> None:
    """Create the first administrator account (and the default categories if there are none)."""
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email.strip()):
        raise click.BadParameter(f"{email!r} is not an e-mail address.", param_hint="--email")
    problem = password_problem(password, (name, email))
    if problem:
        raise click.BadParameter(problem, param_hint="--password")
    if email_taken(email):
        raise click.ClickException(f"An account with e-mail {email} already exists.")
    ensure_defaults()
    create_user(None, email=email, name=name, password=password, roles=["admin"])
    click.echo(f"Administrator {email} created. Sign in at /login.")


@users_cli.command("reset-link")
@click.argument("email")
@click.option("--base-url", envvar="PUBLIC_URL", default="http://127.0.0.1:5000", show_default=True,
              help="The address people reach Rotawell at (or set PUBLIC_URL).")
def reset_link(email: str, base_url: str) -> None:
    """Print a one-time, expiring link that lets the person set their own password (run on the server)."""
    user = user_by_email(email)
    if user is None or not user.active:
        raise click.ClickException(f"There is no active account with e-mail {email}.")
    hours = current_app.config["RESET_LINK_HOURS"]
    secret = issue_reset_link(None, user, datetime.now(timezone.utc), timedelta(hours=hours))
    click.echo(f"Give this link to {user.name} only; it works once, for {hours} hours:")
    click.echo(reset_url(base_url, secret))


@demo_cli.command("seed")
@click.option("--if-empty", is_flag=True, help="Do nothing if the database already has users.")
def seed(if_empty: bool) -> None:
    """Create the demo organisation and print its sign-in accounts."""
    from wellbeing.demo import DEMO_PASSWORD, ROLE_ACCOUNTS, seed_demo
    if db.session.scalar(select(User.id).limit(1)) is not None:
        if not if_empty:
            raise click.ClickException("The database already has users; the demo needs an empty database.")
        click.echo("The database already has data; not seeding.")
        accounts = [(email, ", ".join(roles)) for email, _n, roles, _t in ROLE_ACCOUNTS]
    else:
        accounts = seed_demo(date.today())
        click.echo("Demo organisation created.")
    click.echo(f"Demo sign-ins (password: {DEMO_PASSWORD}):")
    for email, roles in accounts:
        click.echo(f"  {email:<26} {roles}")


@retention_cli.command("purge")
def purge() -> None:
    """Delete notes and closed follow-ups older than RETENTION_DAYS; hours and scores stay."""
    from wellbeing.services.retention import purge_notes
    days = current_app.config["RETENTION_DAYS"]
    result = purge_notes(datetime.now(timezone.utc), days)
    click.echo(f"Purged {result.exposure_notes} exposure-log notes, {result.checkin_notes} check-in notes "
               f"and {result.follow_ups} closed follow-up requests "
               f"written before {result.cutoff:%Y-%m-%d %H:%M} UTC (older than {days} days).")


@sessions_cli.command("close-stale")
def close_stale() -> None:
    """Close timer sessions left running from an earlier day, log them and tell their members (run daily)."""
    from wellbeing.services.timer import close_stale_sessions
    click.echo(f"Closed {close_stale_sessions()} session(s) left running from an earlier day.")
@jobs_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty instead of waiting for more.")
def jobs_worker(burst: bool) -> None:
    """Run an RQ worker for the solve queue (start as many as the machine has cores to spare)."""
    if not current_app.config.get("REDIS_URL"):
        raise click.ClickException("REDIS_URL is not set; without it solves run inside the web process.")
    from wellbeing.services.solve_queue import run_worker
    run_worker(current_app._get_current_object(), burst=burst)


@daily_cli.command("run")
def daily_run() -> None:
    """Purge past retention, raise due check-in prompts for every member and e-mail those asked."""
    from wellbeing.services.daily import run_daily
    result = run_daily(datetime.now(timezone.utc))
    click.echo(f"Purged {result.purge.exposure_notes} exposure-log notes, {result.purge.checkin_notes} check-in "
               f"notes and {result.purge.follow_ups} closed follow-ups; raised check-in prompts for "
               f"{result.prompted} members; e-mailed {result.emailed}; closed {result.sessions_closed} timer "
               "session(s) left running.")


def register_commands(app: Flask) -> None:
    """Attach the command groups to the app's `flask` command."""
    app.cli.add_command(users_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(retention_cli)
    app.cli.add_command(sessions_cli)
    app.cli.add_command(jobs_cli)
    app.cli.add_command(daily_cli)
    from wellbeing.hr.cli import hr_cli
    app.cli.add_command(hr_cli)
