"""Which check-in instruments the organisation uses and how often each is asked (admins choose)."""
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from wellbeing import instruments
from wellbeing.extensions import db
from wellbeing.models import InstrumentSetting
from wellbeing.services.audit import record


@dataclass(frozen=True)
class Use:
    """One instrument with the organisation's choice for it."""

    instrument: instruments.Instrument
    enabled: bool
    cadence_days: int


def _default_cadence(instrument: instruments.Instrument) -> int:
    # WHO-5's cadence predates this table and is the CHECKIN_INTERVAL_DAYS setting.
    if instrument.id == instruments.DEFAULT:
        return current_app.config["CHECKIN_INTERVAL_DAYS"]
    return instrument.cadence_days


def settings() -> list[Use]:
    """Every shipped instrument with its setting (the shipped default where no admin saved one)."""
    rows = {row.instrument: row for row in db.session.scalars(select(InstrumentSetting))}
    out = []
    for instrument_id in instruments.available():
        instrument, row = instruments.load(instrument_id), rows.get(instrument_id)
        out.append(Use(instrument, row.enabled if row else instrument.enabled_by_default,
                       row.cadence_days if row else _default_cadence(instrument)))
    return out


def in_use() -> list[Use]:
    """The instruments members are asked to answer, the default (WHO-5) first."""
    return sorted((use for use in settings() if use.enabled), key=lambda u: u.instrument.id != instruments.DEFAULT)


def usable(instrument_id: str) -> instruments.Instrument | None:
    """The instrument if the organisation uses it, else None (its check-in page is then a 404)."""
    return next((use.instrument for use in in_use() if use.instrument.id == instrument_id), None)


class SettingsRejected(ValueError):
    """The admin's choice cannot be saved; the message says why."""


def save(actor, choices: dict[str, tuple[bool, int]]) -> None:
    """Store {instrument id: (enabled, cadence days)} and audit it; at least one instrument stays in use."""
    if not any(enabled for enabled, _days in choices.values()):
        raise SettingsRejected("Keep at least one instrument in use, so members can still check in.")
    for instrument_id, (_enabled, days) in choices.items():
        if not 1 <= days <= 365:
            raise SettingsRejected(f"Ask {instruments.load(instrument_id).name} every 1 to 365 days, not {days}.")
    for instrument_id, (enabled, days) in choices.items():
        row = db.session.get(InstrumentSetting, instrument_id) or InstrumentSetting(instrument=instrument_id)
        row.enabled, row.cadence_days = enabled, days
        db.session.add(row)
    record(actor, "instruments.save", None,
           ", ".join(f"{i}={'on' if e else 'off'}/{d}d" for i, (e, d) in sorted(choices.items())))
    db.session.commit()
