from django import template

from wennuan.core import masking
from wennuan.visits.enums import Outcome

register = template.Library()
_OUTCOMES = dict(Outcome.choices)


@register.simple_tag(takes_context=True)
def shown_name(context, name):
    """The resident's name, masked for roles that do not contact residents."""
    return masking.shown_name(context["request"].user, name)


@register.simple_tag(takes_context=True)
def shown_phone(context, phone):
    return masking.shown_phone(context["request"].user, phone)


@register.filter
def outcome_label(code):
    return _OUTCOMES.get(code, "未走访") if code else "未走访"
