"""Administration of the support-resource directory shown in every footer and after low scores."""
from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from wellbeing.admin import bp
from wellbeing.contact_links import REFUSED, normalise
from wellbeing.lookup import get_or_404
from wellbeing.models import RESOURCE_KIND_LABELS, RESOURCE_KINDS, Resource
from wellbeing.services import resources


class ResourceForm(FlaskForm):
    """A support resource: what it is, how to reach it and when."""

    title = StringField("Title", validators=[DataRequired("Enter a title."),
                                             Length(max=120, message="Keep the title under 120 characters.")])
    kind = SelectField("Kind", choices=[SelectChoice(k, RESOURCE_KIND_LABELS[k]) for k in RESOURCE_KINDS],
                       validators=[DataRequired("Choose a kind.")])
    description = TextAreaField("Description", validators=[Optional(), Length(
        max=2000, message="Keep the description under 2,000 characters.")])
    contact = StringField("How to reach it", validators=[DataRequired(
        "Enter a phone number, an https:// link or an e-mail address, so people know how to get this support."),
        Length(max=200, message="Keep the contact under 200 characters.")])
    hours = StringField("When it is available", validators=[Optional(), Length(
        max=120, message="Keep the hours under 120 characters.")])
    position = IntegerField("Position in the list", default=0, validators=[
        InputRequired("Enter a whole number; lower numbers are shown first."),
        NumberRange(0, 999, "Enter a number from 0 to 999.")])
    is_placeholder = BooleanField("Placeholder (shown with a label until replaced with your organisation's own)")

    def validate_contact(self, field):
        if normalise(field.data or "") is None:
            raise ValidationError(REFUSED)

    def resource_fields(self) -> dict:
        """The validated values, trimmed, typed for the model."""
        return {"title": self.title.data.strip(), "kind": self.kind.data,
                "description": (self.description.data or "").strip(), "contact": normalise(self.contact.data),
                "hours": (self.hours.data or "").strip(), "position": self.position.data,
                "is_placeholder": self.is_placeholder.data}


@bp.route("/resources")
def resource_list():
    """Every support resource, in the order members see them."""
    return render_template("admin/resources.html", resources=resources.ordered())


@bp.route("/resources/new", methods=["GET", "POST"])
@bp.route("/resources/<int:resource_id>", methods=["GET", "POST"])
def edit_resource(resource_id: int | None = None):
    """Add a support resource or change one."""
    resource = get_or_404(Resource, resource_id) if resource_id is not None else Resource()
    form = ResourceForm(obj=resource)
    if form.validate_on_submit():
        resources.save_resource(current_user, resource, form.resource_fields())
        flash(f"Saved {resource.title}.", "success")
        return redirect(url_for("admin.resource_list"))
    return render_template("admin/resource_form.html", form=form, resource=resource)


@bp.route("/resources/<int:resource_id>/delete", methods=["GET", "POST"])
def delete_resource(resource_id: int):
    """Ask for confirmation, then remove a resource from the directory."""
    resource = get_or_404(Resource, resource_id)
    form = FlaskForm()
    if form.validate_on_submit():
        title = resource.title
        resources.delete_resource(current_user, resource)
        flash(f"Deleted {title}.", "success")
        return redirect(url_for("admin.resource_list"))
    return render_template("admin/resource_delete.html", form=form, resource=resource)
