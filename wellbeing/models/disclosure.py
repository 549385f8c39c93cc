"""What HR's figures rest on: team-membership history, and releases of frozen aggregate cells."""
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
    event,
    inspect,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from wellbeing.extensions import db
from wellbeing.models._base import created_at_column, in_list
from wellbeing.models.activity import CheckIn, FollowUpRequest, Prompt
from wellbeing.models.people import Team, User

FIRST_DAY = date(2000, 1, 1)  # a first membership covers everything a member back-dates
HIDDEN_REASONS = ("threshold", "dominance", "complementary")


class TeamMembership(db.Model):
    """A member belonged to a team from `valid_from` up to (not including) `valid_to`."""

    __table_args__ = (
        CheckConstraint("valid_to IS NULL OR valid_to > valid_from", name="range_ordered"),
        Index("ix_team_membership_user_from", "user_id", "valid_from"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)

    user: Mapped[User] = relationship()
    team: Mapped[Team] = relationship()

    def __repr__(self) -> str:
        return f"<TeamMembership user{self.user_id} team{self.team_id} {self.valid_from}..{self.valid_to}>"


class Release(db.Model):
    """One closed period's figures for one metric, computed once and never changed afterwards."""

    __table_args__ = (UniqueConstraint("metric", "period_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    metric: Mapped[str] = mapped_column(String(20))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = created_at_column()

    def __repr__(self) -> str:
        return f"<Release {self.metric} {self.period_start}>"


class ReleasedCell(db.Model):
    """One figure of a release (team NULL = whole organisation); `value` is NULL when hidden."""

    __table_args__ = (
        CheckConstraint(f"hidden_by IS NULL OR {in_list('hidden_by', HIDDEN_REASONS)}", name="hidden_known"),
        CheckConstraint("(value IS NULL) = (hidden_by IS NOT NULL)", name="hidden_has_no_value"),
        Index("ix_released_cell_lookup", "release_id", "measure", "team_id", "grp"),
        Index("ix_released_cell_team", "team_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("release.id", ondelete="CASCADE"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"))
    grp: Mapped[str] = mapped_column(String(30))
    measure: Mapped[str] = mapped_column(String(30))
    value: Mapped[float | None] = mapped_column(Float)
    hidden_by: Mapped[str | None] = mapped_column(String(14))

    def __repr__(self) -> str:
        return f"<ReleasedCell r{self.release_id} team{self.team_id} {self.grp} {self.measure}={self.value}>"


# The monthly releases read check-ins, prompts and follow-up requests by period.
Index("ix_check_in_created_at", CheckIn.created_at)
Index("ix_prompt_created_at", Prompt.created_at)
Index("ix_follow_up_request_created_at", FollowUpRequest.created_at)


@event.listens_for(Session, "before_flush")
def _record_team_moves(session: Session, _context, _instances) -> None:
    """Whenever a user's team is set or changed, close the open membership and open a new one from today."""
    for user in [o for o in (*session.new, *session.dirty) if isinstance(o, User)]:
        team = _team_of(user)
        with session.no_autoflush:
            current = None if user.id is None else session.scalar(select(TeamMembership).where(
                TeamMembership.user_id == user.id, TeamMembership.valid_to.is_(None)))
            if _same(current, team):
                continue
            _move(session, user, current, team)


def _team_of(user: User) -> Team | int | None:
    """The team the user is being given: the Team object when set by relationship, else the id."""
    if inspect(user).attrs.team.history.has_changes() or user.team_id is None:
        return user.team
    return user.team_id


def _same(current: TeamMembership | None, team: Team | int | None) -> bool:
    team_id = team.id if isinstance(team, Team) else team
    if current is None:
        return team is None
    return team_id is not None and current.team_id == team_id


def _move(session: Session, user: User, current: TeamMembership | None, team: Team | int | None) -> None:
    today = date.today()
    if current is not None and current.valid_from >= today:
        session.delete(current)  # moved again the same day: the earlier move never held a day
    elif current is not None:
        current.valid_to = today
    if team is None:
        return
    first = current is None and (user.id is None or session.scalar(select(TeamMembership.id).where(
        TeamMembership.user_id == user.id).limit(1)) is None)
    link = {"team": team} if isinstance(team, Team) else {"team_id": team}
    session.add(TeamMembership(user=user, valid_from=FIRST_DAY if first else today, **link))
