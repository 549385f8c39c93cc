"""`flask hr release`: release HR's figures for the periods that have just closed (run it daily)."""
from datetime import date

import click
from flask.cli import AppGroup

from wellbeing.services.releases import release_all

hr_cli = AppGroup("hr", help="HR's released figures.")


@hr_cli.command("release")
@click.option("--weeks", default=12, show_default=True, help="How many closed weeks back to release.")
@click.option("--months", default=3, show_default=True, help="How many closed months back to release.")
def release(weeks: int, months: int) -> None:
    """Release every closed week and month not yet released; released figures are never changed."""
    click.echo(f"{release_all(date.today(), weeks, months)} periods released.")
