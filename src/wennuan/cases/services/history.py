"""Last season's 12345 export imported as closed cases, so this season can be compared with the last.

A 12345 platform exports one row per ticket: 工单编号, 受理时间, 诉求地址, 诉求类别, 诉求内容, 办结时间,
满意度. Each row becomes a case already closed (受理 → 归档 on the export's times), placed by the triage
engine from its address and text as any intake is, with the resident's answer as its revisit. The file is
read within core.sheets' bounds; every bad row is reported (row, column, why) and then nothing is written;
a ticket already imported (same channel and 工单编号) is left as it is, so importing twice adds nothing."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from wennuan.core import audit
from wennuan.core.bounds import OutOfRange, checked_moment
from wennuan.core.categories import Category
from wennuan.core.errors import ImportRejected, RowError
from wennuan.registry.ledger.readers import open_rows

from ..enums import CaseState, Channel, Satisfaction
from ..models import Case, CaseEvent, Revisit
from ._base import new_event
from .intake import build_case, category_and_priority, route_for

COLUMNS = {
    "external_id": ("工单编号", "工单号", "受理编号", "编号"),
    "received_at": ("受理时间", "来电时间", "登记时间", "创建时间"),
    "address": ("诉求地址", "地址", "事发地址"),
    "category": ("诉求类别", "类别", "问题分类", "分类"),
    "text": ("诉求内容", "内容", "问题描述"),
    "closed_at": ("办结时间", "结案时间", "归档时间"),
    "satisfaction": ("满意度", "回访满意度", "评价"),
}
REQUIRED = ("external_id", "received_at", "text", "closed_at")
LABELS = {"external_id": "工单编号", "received_at": "受理时间", "address": "诉求地址", "category": "诉求类别",
          "text": "诉求内容", "closed_at": "办结时间", "satisfaction": "满意度"}  # fmt: skip
MAX_ROWS = 200_000
_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日 %H:%M", "%Y年%m月%d日")  # fmt: skip
_SATISFACTION = {label: value for value, label in Satisfaction.choices} | {"非常满意": Satisfaction.SATISFIED,
                 "比较满意": Satisfaction.BASICALLY, "未回访": "", "": ""}  # fmt: skip
_CATEGORIES = {label: value for value, label in Category.choices} | {
    value: value for value in Category.values
}


@dataclass
class HistoryRow:
    row: int
    external_id: str
    received_at: datetime
    closed_at: datetime
    address: str
    category: str
    text: str
    satisfaction: str


def _moment(text: str) -> datetime | None:
    text = text.strip().split(".")[0]
    for fmt in _FORMATS:
        try:
            return timezone.make_aware(datetime.strptime(text, fmt), timezone.get_current_timezone())
        except ValueError:
            continue
    return None


def read_history(source) -> list[HistoryRow]:
    """Every row of the export, or ImportRejected naming each bad row, column and reason."""
    rows, errors, where, seen = [], [], None, {}
    for n, cells in open_rows(source):
        if where is None:
            header = [c.replace("\ufeff", "").strip() for c in cells]
            where = {
                key: next((header.index(n) for n in names if n in header), None)
                for key, names in COLUMNS.items()
            }
            missing = [LABELS[k] for k in REQUIRED if where[k] is None]
            if missing:
                raise ImportRejected(errors=[RowError(n, "表头", f"缺少列：{'、'.join(missing)}")])
            continue
        if not any(cells):
            continue
        if len(rows) + len(errors) >= MAX_ROWS:
            errors.append(RowError(n, "文件", f"超过 {MAX_ROWS} 行，请分批导入"))
            break
        get = {k: (cells[i].strip() if i is not None and i < len(cells) else "") for k, i in where.items()}
        bad = len(errors)
        for key in REQUIRED:
            if not get[key]:
                errors.append(RowError(n, LABELS[key], "不能为空"))
        if len(get["external_id"]) > 64:
            errors.append(RowError(n, "工单编号", "超过64个字符", get["external_id"][:20]))
        if get["external_id"] in seen:
            errors.append(
                RowError(n, "工单编号", f"与第{seen[get['external_id']]}行重复", get["external_id"])
            )
        seen.setdefault(get["external_id"], n)
        moments = {}
        for key in ("received_at", "closed_at"):
            if not get[key]:
                continue
            moment = _moment(get[key])
            if moment is None:
                errors.append(RowError(n, LABELS[key], "不是日期时间（如 2025-12-01 09:30）", get[key]))
                continue
            try:
                moments[key] = checked_moment(moment, label=LABELS[key])
            except OutOfRange as exc:
                errors.append(RowError(n, LABELS[key], str(exc), get[key]))
        if len(moments) == 2 and moments["closed_at"] < moments["received_at"]:
            errors.append(RowError(n, "办结时间", "早于受理时间", get["closed_at"]))
        category = _CATEGORIES.get(get["category"], "") if get["category"] else ""
        if get["satisfaction"] not in _SATISFACTION:
            errors.append(
                RowError(n, "满意度", "应为 满意/基本满意/不满意/未联系上 或空", get["satisfaction"])
            )
        if len(errors) == bad:
            rows.append(HistoryRow(n, get["external_id"], moments["received_at"], moments["closed_at"],
                                   get["address"][:200], category, get["text"][:4000], _SATISFACTION[get["satisfaction"]]))  # fmt: skip
    if errors:
        raise ImportRejected(errors=errors)
    return rows


def import_history(*, source, by, channel: str = Channel.HOTLINE_12345) -> dict:
    """Import a 12345 export as closed cases: {"created", "existing", "unplaced"} (all or nothing)."""
    rows = read_history(source)
    known = set(
        Case.objects.filter(channel=channel, external_id__in=[r.external_id for r in rows]).values_list(
            "external_id", flat=True
        )
    )
    fresh = [r for r in rows if r.external_id not in known]
    cases = []
    for r in fresh:
        route = route_for(household=None, text=r.text, address=r.address, category=r.category or None)
        category, priority = category_and_priority(r.category or None, route)
        case = build_case(route=route, category=category, priority=priority, received_at=r.received_at, by=by,
                          channel=channel, external_id=r.external_id, address=r.address, text=r.text)  # fmt: skip
        case.state = CaseState.CLOSED
        case.resolved_at = case.first_resolved_at = case.closed_at = r.closed_at
        case.resolved_on_time = case.resolve_due is None or r.closed_at <= case.resolve_due
        case.resolution = "上季12345工单导入（已办结）"
        cases.append(case)
    with transaction.atomic():
        Case.objects.bulk_create(cases, batch_size=1000)
        events, revisits = [], []
        for case, r in zip(cases, fresh, strict=True):
            events.append(new_event(case, by=by, action="import_history", at=r.closed_at, to_state=CaseState.CLOSED,
                                    note="上季12345工单导入", data={"row": r.row, "received_at": r.received_at.isoformat()}))  # fmt: skip
            if r.satisfaction:
                revisits.append(
                    Revisit(case=case, at=r.closed_at, satisfaction=r.satisfaction, note="12345回访（导入）")
                )
        CaseEvent.objects.bulk_create(events, batch_size=1000)
        Revisit.objects.bulk_create(revisits, batch_size=1000)
        audit.record(actor=by, action="case.import_history", obj=None,
                     summary=f"导入上季12345工单 {len(cases)} 件（已有 {len(known)} 件未重复导入）",
                     changes={"created": len(cases), "existing": len(known)})  # fmt: skip
    return {
        "created": len(cases),
        "existing": len(known),
        "unplaced": sum(1 for c in cases if not c.station_id),
    }
