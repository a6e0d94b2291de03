"""Chinese names of audit actions, for the audit page and its filters.

An app registers the names of the actions it writes (``register_actions`` in its ``ready``, like menu
items); an action nobody named falls back to its app's name and its code (「访民问暖·xxx」), so a new one
is still readable and still filterable."""

from django.apps import apps

_ACTIONS: dict[str, str] = {
    "admin.add": "后台新增",
    "admin.change": "后台修改",
    "admin.delete": "后台删除",
    "token.issue": "签发接口令牌",
    "token.revoke": "吊销接口令牌",
    "accounts.demo_users": "生成演示账号",
    "registry.import_ledger": "导入台账",
    "registry.export_ledger": "导出台账",
}
# Action prefixes that are not an app label.
_PREFIX_APPS = {"case": "cases", "token": "accounts", "admin": "core"}


_VALUES: dict[tuple[str, str], dict] = {}


def register_values(object_type: str, field: str, labels: dict) -> None:
    """Names of the codes a field holds that is not a choice field (a list of codes in a JSON field):
    ``register_values("cases.case", "overdue_limits", dict(Limit.choices))``."""
    _VALUES[object_type, field] = dict(labels)


def value_labels(object_type: str, field: str) -> dict:
    return _VALUES.get((object_type, field), {})


def register_actions(labels: dict[str, str]) -> None:
    """``{"visits.visit_recorded": "录入走访", …}``; a name registered once stays (the first wins)."""
    for code, label in labels.items():
        _ACTIONS.setdefault(code, label)


def action_label(code: str) -> str:
    if code in _ACTIONS:
        return _ACTIONS[code]
    prefix, _, rest = code.partition(".")
    app = _PREFIX_APPS.get(prefix, prefix)
    try:
        name = apps.get_app_config(app).verbose_name
    except LookupError:
        return code
    return f"{name}·{rest}" if rest else name


def object_type_label(object_type: str) -> str:
    """``cases.case`` → 工单 (the model's verbose name)."""
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type
