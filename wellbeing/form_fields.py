"""Form fields shared by several blueprints."""
from wtforms import SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes, easier to use with a keyboard than a multi-select box."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
