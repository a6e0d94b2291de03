from django import template

from wennuan.core.masking import sees_personal_data, shown_name, shown_phone

register = template.Library()


@register.filter
def masked_name(name, user):
    return shown_name(user, name)


@register.filter
def masked_phone(phone, user):
    return shown_phone(user, phone)


@register.filter
def sees_phones(user) -> bool:
    """Whether ``user`` sees phone numbers whole (and so may tap one to call)."""
    return sees_personal_data(user)


@register.filter
def percent(value):
    return "—" if value is None else f"{value * 100:.1f}%"


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.filter
def action_label(code):
    from wennuan.cases.enums import EVENT_LABELS
    from wennuan.cases.lifecycle import ACTIONS

    return ACTIONS[code].label if code in ACTIONS else EVENT_LABELS.get(code, code)


@register.filter
def state_label(code):
    from wennuan.cases.enums import CaseState

    return CaseState(code).label if code in CaseState.values else code


@register.filter
def fake_closure_labels(codes):
    """A case's 假办结 reasons in words (「办结后短期内重复投诉、曾被重办」), not their codes."""
    from wennuan.cases.enums import FakeClosureReason

    labels = dict(FakeClosureReason.choices)
    return "、".join(labels.get(code, code) for code in codes or [])
