"""My data: a member takes away everything held about them, or erases it."""
import json
from datetime import date

from flask import Response, flash, redirect, render_template, url_for
from flask_login import current_user, logout_user
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import ValidationError

from wellbeing.member import bp
from wellbeing.services import mydata


class DeleteForm(FlaskForm):
    """The confirmation step: typing DELETE means nobody erases their data with a stray click."""

    confirm = StringField("Type DELETE to confirm")

    def validate_confirm(self, field):
        if (field.data or "").strip() != "DELETE":
            raise ValidationError("Type DELETE in capital letters to confirm. Nothing has been deleted.")


def _download(body: str, kind: str, mimetype: str) -> Response:
    mydata.record_export(current_user, kind)
    filename = f"rotawell-my-data-{date.today().isoformat()}.{kind}"
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


@bp.route("/my-data")
def my_data():
    """What we hold about the member, how to take it away and how to erase it."""
    return render_template("member/my_data.html", form=DeleteForm())


@bp.route("/my-data/export.json")
def my_data_json():
    """All the member's own data as one JSON file."""
    return _download(json.dumps(mydata.export_data(current_user), indent=2, ensure_ascii=False), "json",
                     "application/json")


@bp.route("/my-data/export.csv")
def my_data_csv():
    """All the member's own data as one CSV file (section, record, field, value)."""
    return _download(mydata.export_csv(mydata.export_data(current_user)), "csv", "text/csv")


@bp.route("/my-data/delete", methods=["GET", "POST"])
def my_data_delete():
    """Erase the member's data and account after they confirm; the last administrator cannot."""
    form = DeleteForm()
    if mydata.is_last_admin(current_user):
        flash("You are the only administrator, so your account cannot be deleted yet. "
              "Make someone else an administrator first.", "error")
        return redirect(url_for("member.my_data"))
    if form.validate_on_submit():
        mydata.delete_account(current_user._get_current_object())  # the row, not the proxy, is audited
        logout_user()
        flash("Your data and your account have been deleted.", "success")
        return redirect(url_for("auth.login"))
    return render_template("member/my_data_delete.html", form=form)
