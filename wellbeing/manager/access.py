"""Object-level checks: a manager reaches only their own team's rotations (others are a 404)."""
from flask import abort
from flask_login import current_user

from wellbeing.extensions import db
from wellbeing.models import Rotation, Shift, SolveJob


def own_rotation_or_404(rotation_id: int) -> Rotation:
    """The rotation if it belongs to the manager's team; otherwise 404, so other teams' weeks stay unseen."""
    rotation = db.session.get(Rotation, rotation_id)
    if rotation is None or current_user.team_id is None or rotation.team_id != current_user.team_id:
        abort(404, description="There is no rotation with that id for your team.")
    return rotation


def _in_own_rotation_or_404(model, object_id: int, noun: str):
    row = db.session.get(model, object_id)
    if row is None:
        abort(404, description=f"There is no {noun} with that id for your team.")
    own_rotation_or_404(row.rotation_id)
    return row


def own_shift_or_404(shift_id: int) -> Shift:
    """The shift if it is in one of the manager's team's rotations."""
    return _in_own_rotation_or_404(Shift, shift_id, "shift")


def own_job_or_404(job_id: int) -> SolveJob:
    """The solve job if it belongs to one of the manager's team's rotations."""
    return _in_own_rotation_or_404(SolveJob, job_id, "solve job")
