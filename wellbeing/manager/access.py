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


def own_shift_or_404(shift_id: int) -> Shift:
    shift = db.session.get(Shift, shift_id)
    if shift is None:
        abort(404, description="There is no shift with that id for your team.")
    own_rotation_or_404(shift.rotation_id)
    return shift


def own_job_or_404(job_id: int) -> SolveJob:
    job = db.session.get(SolveJob, job_id)
    if job is None:
        abort(404, description="There is no solve job with that id for your team.")
    own_rotation_or_404(job.rotation_id)
    return job
