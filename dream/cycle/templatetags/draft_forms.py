"""The draft editor's many small forms, rendered without a template per widget: the page
of a province's draft carries some 400 fields, and Django's widget templates (with an
include per field) made most of its time. The markup is Django's own for the widget inside
the markup of tracking/_field.html (test_draft_forms.py compares the two), escaped the way
Django escapes."""

from html import escape

from django import template
from django.utils.safestring import SafeData, mark_safe

register = template.Library()


@register.filter
def plain_fields(form) -> str:
    """Every field of `form` in order: a visible one as tracking/_field.html shows it
    (label, widget, help text, errors), a hidden one as its bare input."""
    return mark_safe(
        "".join(widget_html(bound) if bound.is_hidden else field_html(bound) for bound in form)
    )


def field_html(bound) -> str:
    """The label, widget, help text and errors of one field, as tracking/_field.html."""
    auto_id = _e(bound.auto_id)
    help_text = (
        f'<span class="help" id="{auto_id}_helptext">{_e(bound.help_text)}</span>'
        if bound.help_text
        else ""
    )
    errors = (
        f'<div id="{auto_id}_error">'
        + "".join(f'<p class="field-error">{_e(error)}</p>' for error in bound.errors)
        + "</div>"
        if bound.errors
        else ""
    )
    return (
        f'<div>\n  <label for="{_e(bound.id_for_label)}">{_e(bound.label)}</label>\n'
        f"  {widget_html(bound)}\n  {help_text}\n  {errors}\n</div>"
    )


def widget_html(bound) -> str:
    """Django's markup of the bound field's widget (input, textarea or select), built in
    Python from the widget's own context, as BoundField.as_widget renders it."""
    widget = bound.field.widget
    attrs = bound.build_widget_attrs({}, widget)
    if bound.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound.auto_id)
    context = widget.get_context(bound.html_name, bound.value(), attrs)["widget"]
    name, value, attrs = _e(context["name"]), context["value"], _attrs(context["attrs"])
    kind = context["template_name"].rsplit("/", 1)[-1]
    if kind == "textarea.html":
        return f'<textarea name="{name}"{attrs}>\n{_e(value) if value else ""}</textarea>'
    if kind == "select.html":
        groups = []
        for group, choices, _index in context["optgroups"]:
            options = "".join(
                f'\n  <option value="{_e(o["value"])}"{_attrs(o["attrs"])}>{_e(o["label"])}</option>'
                for o in choices
            )
            if group:
                options = f'\n  <optgroup label="{_e(group)}">{options}\n  </optgroup>'
            groups.append(options)
        return f'<select name="{name}"{attrs}>{"".join(groups)}\n</select>'
    shown = f' value="{_e(value)}"' if value is not None else ""
    return f'<input type="{_e(context["type"])}" name="{name}"{shown}{attrs}>'


def _attrs(attrs: dict) -> str:
    """Django's attrs.html: True as a bare name, False left out."""
    return "".join(
        f" {_e(key)}" if value is True else f' {_e(key)}="{_e(value)}"'
        for key, value in attrs.items()
        if value is not False
    )


def _e(value) -> str:
    """Django's conditional_escape without its lazy-string wrapper, which cost as much as
    the rest on a page of hundreds of fields."""
    return str(value) if isinstance(value, SafeData) else escape(str(value))


def options_html(choices, selected=None) -> str:
    """`<option>`s of (value, label) pairs, the one whose value is `selected` selected:
    built once and shared by the many selects that offer the same places."""
    return mark_safe(
        "".join(
            f'<option value="{_e(value)}"{" selected" if value == selected else ""}>'
            f"{_e(label)}</option>"
            for value, label in choices
        )
    )


def optgroups_html(groups) -> str:
    """`<optgroup>`s of (label, [(value, label)…]) pairs, empty groups left out."""
    return mark_safe(
        "".join(
            f'<optgroup label="{_e(label)}">{options_html(choices)}</optgroup>'
            for label, choices in groups
            if choices
        )
    )
