"""A member's own data: everything we hold about them, to take away (JSON, CSV) or to erase."""
import csv
import io
import json
from datetime import date, datetime, timezone

from sqlalchemy import delete, func, select, update

from wellbeing.extensions import db
from wellbeing.models import (ApiToken, Assignment, AuditEntry, CategoryChoice, CheckIn, ExposureLog, FollowUpRequest,
                              Leave, PasswordResetLink, Perspective, Prompt, ReducedLoadWeek, Rotation, Shift,
                              SignInSession, User, UserRole)
from wellbeing.services.audit import record

# Named sections with chosen columns; any other table with a user_id is exported whole, minus
# SECRET_COLUMNS, so a table added later is never left out of an export or a deletion.
SECTIONS = {
    "perspectives": (Perspective, ("dimension", "value")),
    "category_choices": (CategoryChoice, ("category_id", "consent", "liking")),
    "leave": (Leave, ("start_date", "end_date")),
    "reduced_load_weeks": (ReducedLoadWeek, ("week_start",)),
    "exposure_logs": (ExposureLog, ("day", "category_id", "minutes", "intensity", "source", "note", "created_at")),
    "check_ins": (CheckIn, ("created_at", "instrument", "answers", "score", "note")),
    "prompts": (Prompt, ("reason", "state", "snoozed_until", "answered_at", "created_at")),
    "follow_up_requests": (FollowUpRequest, ("checkin_id", "sent_to", "route", "message", "share_answers", "state",
                                               "contacted_at", "closed_at", "created_at")),
    "api_tokens": (ApiToken, ("name", "prefix", "created_at", "last_used_at", "revoked_at")),
    "sign_in_sessions": (SignInSession, ("created_at", "last_seen_at", "expires_at", "ended_at", "end_reason",
                                         "user_agent", "remember")),
    "password_reset_links": (PasswordResetLink, ("created_at", "expires_at", "used_at")),
}
SECRET_COLUMNS = {"password_hash", "digest", "sid_digest", "remember_digest"}
SPECIAL = {UserRole, Assignment}  # exported as "roles" and "assignments"


def owned_models() -> list:
    """Every model with a user_id column pointing at user.id, parents before children."""
    by_table = {mapper.local_table: mapper.class_ for mapper in db.Model.registry.mappers}
    return [by_table[table] for table in db.metadata.sorted_tables
            if table in by_table and "user_id" in table.c
            and any(fk.column.table.name == "user" for fk in table.c.user_id.foreign_keys)]


def _other_sections() -> dict:
    """Sections for user-owned tables the named ones do not cover, with every non-secret column."""
    named = {model for model, _columns in SECTIONS.values()} | SPECIAL
    return {model.__tablename__: (model, tuple(c.name for c in model.__table__.columns
                                               if c.name not in SECRET_COLUMNS | {"id", "user_id"}))
            for model in owned_models() if model not in named}


def _plain(value):
    """Dates as ISO text (UTC for times); everything else as it is."""
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).isoformat()
    return value.isoformat() if isinstance(value, date) else value


def _section(user: User, model, columns) -> list[dict]:
    rows = db.session.scalars(select(model).where(model.user_id == user.id).order_by(model.id))
    out = []
    for row in rows:
        item = {"id": row.id, **{c: _plain(getattr(row, c)) for c in columns}}
        if hasattr(model, "category"):
            item["category"] = row.category.name
        out.append(item)
    return out


def _assignments(user: User) -> list[dict]:
    """Shifts the member was given in published rotations (drafts are the manager's working copy)."""
    rows = db.session.execute(
        select(Shift.day, Shift.minutes, Shift.category_id, Assignment.pinned, Rotation.week_start)
        .join(Assignment, Assignment.shift_id == Shift.id).join(Rotation, Rotation.id == Shift.rotation_id)
        .where(Assignment.user_id == user.id, Rotation.state == "published").order_by(Shift.day))
    return [{"week_start": _plain(week), "day": _plain(day), "minutes": minutes, "category_id": category_id,
             "pinned": pinned} for day, minutes, category_id, pinned, week in rows]


def export_data(user: User) -> dict:
    """Everything held about `user`, and nothing about anyone else."""
    data = {
        "exported_at": _plain(datetime.now(timezone.utc)),
        "profile": {c.name: _plain(getattr(user, c.name)) for c in User.__table__.columns
                    if c.name not in SECRET_COLUMNS},
        "roles": sorted(user.roles),
        "team": user.team.name if user.team else None,
    }
    for name, (model, columns) in {**SECTIONS, **_other_sections()}.items():
        data[name] = _section(user, model, columns)
    data["assignments"] = _assignments(user)
    return data


def export_csv(data: dict) -> str:
    """The export as one long CSV (section, record, field, value), so every section fits one file."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "record", "field", "value"])
    for section, content in data.items():
        records = content if isinstance(content, list) and content and isinstance(content[0], dict) else None
        if records is None:
            items = content.items() if isinstance(content, dict) else [("", content)]
            for field, value in items:
                writer.writerow([section, "", field, _cell(value)])
            continue
        for index, row in enumerate(records, start=1):
            for field, value in row.items():
                writer.writerow([section, index, field, _cell(value)])
    return out.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    return json.dumps(value) if isinstance(value, (list, dict)) else str(value)


def is_last_admin(user: User) -> bool:
    """True when deleting `user` would leave nobody able to administer the app."""
    if not user.has_role("admin"):
        return False
    others = db.session.scalar(select(func.count(User.id)).join(UserRole).where(
        UserRole.role == "admin", User.active.is_(True), User.id != user.id))
    return others == 0


def delete_account(user: User) -> None:
    """Erase the member's rows everywhere and the account itself; the audit entry keeps only the id."""
    user_id = user.id
    record(None, "user.delete_own_data", user)
    for model in reversed(owned_models()):  # children first: a follow-up before its check-in
        db.session.execute(delete(model).where(model.user_id == user_id))
    db.session.execute(update(AuditEntry).where(AuditEntry.actor_id == user_id).values(actor_id=None))
    db.session.execute(delete(User).where(User.id == user_id))
    db.session.commit()
