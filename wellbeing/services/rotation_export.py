"""CSV export of a rotation: one row per assignment, hours only."""
import csv
import io

from wellbeing.models import Rotation


def rotation_csv(rotation: Rotation) -> str:
    """day, category, severity, hours, member, e-mail, pinned for every assignment; empty places as 'unfilled'."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["day", "category", "severity", "hours", "member", "email", "pinned"])
    for shift in sorted(rotation.shifts, key=lambda s: (s.day, s.category.name, s.id)):
        base = [shift.day.isoformat(), shift.category.name, shift.category.severity, f"{shift.minutes / 60:g}"]
        for a in sorted(shift.assignments, key=lambda a: a.user.name):
            writer.writerow(base + [a.user.name, a.user.email, "yes" if a.pinned else "no"])
        for _ in range(shift.people - len(shift.assignments)):
            writer.writerow(base + ["unfilled", "", ""])
    return out.getvalue()
