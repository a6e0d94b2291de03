"""The audit log as people read it: Chinese action and object names, the person's name and role, each
changed value as old → new in words (是/否, local time, a choice's label), never a Python dict."""

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .audit_labels import action_label, object_type_label, value_labels

# Keys of ``changes`` that are not model fields but say something (imports, exports, the admin).
KEY_LABELS = {
    "created": "新增",
    "updated": "更新",
    "unchanged": "未变",
    "deleted": "删除",
    "filters": "筛选条件",
    "rows": "行数",
    "count": "条数",
    "admin": "后台操作",
    "file": "文件",
    "filename": "文件",
    "temperature": "实测室温(℃)",
    "photos": "照片",
    "reason": "原因",
    # sign-ins (the object is the user, or none when the name matched no one)
    "client": "客户端地址",
    "username": "账号",
    # imports, sweeps and batch jobs
    "seed": "抽取种子",
    "case_ids": "工单编号",
    "households": "住户数",
    "kind": "类型",
    "days": "天数",
    "source": "来源",
    "with_calls": "含来电数",
    "refund_days": "退费天数",
    "history_days": "历史天数",
    "forecast": "预测（日期、件数）",
    "existing": "已存在",
    "added": "新增",
    "skip_invalid": "跳过错误行",
    "city": "城市",
    "skipped_rows": "跳过行数",
    "entities_created": "新建单位",
    "buildings_updated": "更新楼栋",
}


def register_keys(labels: dict[str, str]) -> None:
    """Names of keys an app writes into ``changes`` that are not model fields (the registry's levels as
    the keys of an import's counts); a name registered once stays (the first wins)."""
    for key, label in labels.items():
        KEY_LABELS.setdefault(key, label)


@dataclass(frozen=True)
class Change:
    field: str
    old: str | None  # None: a single value, not a change
    new: str


@dataclass(frozen=True)
class Row:
    entry: object
    action: str
    object_label: str
    who: str
    role: str
    changes: list[Change]


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        for f in model._meta.concrete_fields:  # "station_id" → the station field
            if f.attname == name:
                return f
    return None


def field_label(model, name: str) -> str:
    f = _field(model, name)
    if f is not None and getattr(f, "verbose_name", None):
        return str(f.verbose_name)
    return KEY_LABELS.get(name, name)


def value_text(value, field=None, labels=None) -> str:
    """One value in words: 是/否, 空, a choice's label, a related row by its name, an ISO time in local
    time, lists and dicts joined (photos counted, not listed by their file names)."""
    if value is None or value == "" or value == []:
        return "空"
    if isinstance(value, bool):
        return "是" if value else "否"
    if labels and isinstance(value, str) and value in labels:
        return str(labels[value])
    if getattr(field, "many_to_one", False) and isinstance(value, int):
        related = field.related_model._default_manager.filter(pk=value).first()
        if related is not None:
            return str(related)
    choices = dict(getattr(field, "flatchoices", None) or [])
    if choices and value in choices:
        return str(choices[value])
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and "T" in value:
        moment = parse_datetime(value)
        if moment is not None:
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment, dt.UTC)
            return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dict):
        return "；".join(
            f"{KEY_LABELS.get(k, k)}：{f'{len(v)}张' if k == 'photos' and isinstance(v, list) else value_text(v)}"
            for k, v in value.items()
        )
    if isinstance(value, list | tuple):
        if value and all(isinstance(v, list | tuple) for v in value):  # rows: [[day, calls], …]
            return "；".join(value_text(v, labels=labels) for v in value)
        return "、".join(value_text(v, labels=labels) for v in value)
    return str(value)


def changes_of(entry) -> list[Change]:
    model = _model(entry.object_type)
    raw = dict(entry.changes or {})
    values = raw.pop("values", None)
    out = []
    items = list(raw.items()) + (list(values.items()) if isinstance(values, dict) else [])
    for key, value in items:
        f = _field(model, key)
        label = field_label(model, key)
        names = value_labels(entry.object_type, getattr(f, "name", key))
        if key == "admin":
            continue  # the admin's own message repeats the values below it
        if isinstance(value, list) and len(value) == 2 and (f is not None or key not in KEY_LABELS):
            out.append(Change(label, value_text(value[0], f, names), value_text(value[1], f, names)))
        else:
            out.append(Change(label, None, value_text(value, f, names)))
    return out


def _object_labels(entries) -> dict[tuple[str, str], str]:
    """What each entry's object is called: a case by its public number, any other row by its model's name
    and its own str(); looked up in one query per kind of object."""
    wanted: dict[str, set[str]] = {}
    for e in entries:
        if e.object_type and e.object_id:
            wanted.setdefault(e.object_type, set()).add(e.object_id)
    out = {}
    for object_type, ids in wanted.items():
        model = _model(object_type)
        name = object_type_label(object_type)
        found = {}
        if model is not None:
            keys = [int(i) for i in ids if i.isdigit()] or list(ids)
            try:
                found = {str(k): v for k, v in model._default_manager.in_bulk(keys).items()}
            except (ValueError, TypeError):
                found = {}
        for i in ids:
            obj = found.get(i)
            number = getattr(obj, "number", None)
            if number:
                out[object_type, i] = f"{name} {number}"
            elif obj is not None and not getattr(model, "AUDIT_BY_ID_ONLY", False):
                text = str(obj)
                out[object_type, i] = text if text.startswith(name) else f"{name}：{text}"
            else:
                out[object_type, i] = f"{name} {i}"
    return out


def rows(entries) -> list[Row]:
    entries = list(entries)
    labels = _object_labels(entries)
    out = []
    for e in entries:
        actor = e.actor
        who = (actor.display_name if actor is not None else "") or e.actor_label or "系统"
        role = actor.get_role_display() if actor is not None and getattr(actor, "role", "") else ""
        if actor is None and e.actor_label in ("", "系统"):
            who, role = "系统", "自动任务"
        out.append(
            Row(
                entry=e,
                action=action_label(e.action),
                object_label=labels.get((e.object_type, e.object_id), ""),
                who=who,
                role=role,
                changes=changes_of(e),
            )
        )
    return out
