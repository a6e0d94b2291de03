"""通报 reads: the companies ranked worst first on a chosen KPI (the supervisor picks from them), their
worst cases, and the draft's wording. Every figure is ``cases.kpis.kpi_table``'s."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Case as When_
from django.db.models import IntegerField, Value, When

from wennuan.cases.kpis import RATES, in_city, kpi_table
from wennuan.cases.models import Case
from wennuan.cases.selectors import day_range

from .daily import REPORT_RATES, resolve_city
from .render_xlsx import pct

# Rates where a higher value is worse (the rest: lower is worse).
WORSE_WHEN_HIGHER = {"repeat_rate", "overdue_rate", "return_rate", "redo_rate", "spot_check_fail_rate"}
RANKABLE = [k for k in RATES if k.key in REPORT_RATES]
WORST_CASES = 3


@dataclass
class Candidate:
    row: dict  # the company's kpi_table row
    rank: int

    @property
    def company_id(self):
        return self.row["group_id"]


def candidates(
    *, user, city, start: date, end: date, order: str = "on_time_rate"
) -> tuple[list[Candidate], dict]:
    """The city's companies over [start, end] (days), worst first by ``order``; and the city's total row."""
    if order not in {k.key for k in RANKABLE}:
        raise ValueError(f"unknown KPI {order}")
    city = resolve_city(city)
    start_at, end_at = day_range(start, end)
    table = kpi_table(user=user, start=start_at, end=end_at, group="company", city=city.pk)
    rows = [r for r in table["rows"] if r["group_id"] is not None]
    higher = order in WORSE_WHEN_HIGHER
    rows.sort(
        key=lambda r: (r[order] is None, -(r[order] or 0) if higher else (r[order] or 0), -r["received"])
    )
    return [Candidate(r, i) for i, r in enumerate(rows, start=1)], table["total"]


def worst_cases(*, user, city_id: int, company_id: int, start: date, end: date, limit: int = WORST_CASES):
    """A company's worst cases of the range: suspected fake closures, then escalated, then overdue, then
    repeats; the longest waiting first within each."""
    start_at, end_at = day_range(start, end)
    badness = When_(
        When(suspected_fake_closure=True, then=Value(4)),
        When(escalation_level__gte=1, then=Value(3)),
        When(is_overdue=True, then=Value(2)),
        When(repeat_of__isnull=False, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    rows = (
        Case.objects.visible_to(user)
        .filter(in_city(city_id), company_id=company_id, received_at__gte=start_at, received_at__lt=end_at)
        .annotate(badness=badness)
        .filter(badness__gt=0)
        .select_related("building__estate", "grid__community")
        .order_by("-badness", "received_at", "id")
    )
    return list(rows[:limit])


def masked_place(case: Case) -> str:
    """Where a case is, as a notice may print it: the building, never the room or the resident."""
    if case.building_id:
        return f"{case.building.estate.name}{case.building.label}"
    return case.grid.community.name if case.grid_id else "地址未确权"


def _case_issue(case: Case) -> str:
    parts = []
    if case.suspected_fake_closure:
        parts.append("疑似假办结（" + "、".join(_fake_reasons(case)) + "）")
    if case.escalation_level:
        parts.append(f"已升级至{case.get_escalation_level_display()}")
    if case.is_overdue:
        parts.append("超过办理时限")
    if case.repeat_of_id:
        parts.append("群众重复投诉")
    return "，".join(parts)


def _fake_reasons(case) -> list[str]:
    from wennuan.cases.enums import FakeClosureReason

    labels = dict(FakeClosureReason.choices)
    return [labels.get(c, c) for c in case.fake_closure_reasons or []] or ["经核查"]


def _problem_words(row: dict) -> str:
    words = []
    if row["overdue"]:
        words.append("不办结（超时未办）")
    if row["reopened"] or row["returned"]:
        words.append("被办结（退回、重办）")
    if row["fake_closure_suspects"]:
        words.append("假办结")
    if row["repeats"]:
        words.append("群众重复投诉")
    return "、".join(words) or "服务质量不高"


def draft_text(
    *, city, start: date, end: date, rows: list[dict], total: dict, cases: dict[int, list[Case]]
) -> dict:
    """The draft's fields in the wording of an official notice (关于…的通报): title, recipients, opening,
    problems, data, typical cases, requirements, issuer."""
    names = "、".join(r["group_name"] for r in rows)
    span = f"{start:%Y年%-m月%-d日}至{end:%Y年%-m月%-d日}"
    problems, data, typical = [], [], []
    numerals = "一二三四五六七八九十"
    for i, r in enumerate(rows):
        n = numerals[i] if i < len(numerals) else str(i + 1)
        problems.append(
            f"（{n}）{r['group_name']}。统计期内受理群众诉求{r['received']}件，"
            f"按时办结率{pct(r['on_time_rate'])}（全市{pct(total['on_time_rate'])}），"
            f"满意率{pct(r['satisfaction_rate'])}（全市{pct(total['satisfaction_rate'])}），"
            f"超时{r['overdue']}件，重复投诉{r['repeats']}件，疑似假办结{r['fake_closure_suspects']}件，"
            f"存在{_problem_words(r)}问题。"
        )
        data.append(
            f"{r['group_name']}：受理{r['received']}件，办结{r['resolved']}件，"
            + "，".join(f"{k.label}{pct(r[k.key])}" for k in RANKABLE)
            + "。"
        )
        for c in cases.get(r["group_id"], []):
            typical.append(
                f"{len(typical) + 1}. {r['group_name']}，工单{c.number}（{c.received_at:%-m月%-d日}受理，{masked_place(c)}，"
                f"{c.get_category_display()}）：{_case_issue(c)}。"
            )
    data.append(
        f"全市：受理{total['received']}件，"
        + "，".join(f"{k.label}{pct(total[k.key])}" for k in RANKABLE)
        + "。"
    )
    return {
        "title": f"关于{names}供热服务问题的通报",
        "recipients": "各供热企业，各区县供热主管部门",
        "opening": (
            f"为切实解决群众供热“急难愁盼”问题，市供热主管部门对{span}全市供热诉求办理情况进行了统计分析。"
            f"经查，{names}在诉求办理中存在“不办结、被办结、假办结”等问题，群众反映强烈。现将有关情况通报如下："
        ),
        "problems": "\n".join(problems),
        "data": "\n".join(data),
        "cases": "\n".join(typical) or "（统计期内无典型案例）",
        "requirements": "\n".join(
            [
                "1. 被通报企业要立即对照问题逐件整改，对超时未办结工单限期办结，对疑似假办结工单重新入户核实、测温取证。",
                "2. 要举一反三，全面排查本企业诉求办理流程，严禁未经群众确认即办结、以退回代替办理。",
                "3. 要在5个工作日内将整改情况书面报送市供热主管部门。对整改不力、问题反复出现的，将约谈企业主要负责人，并纳入年度供热考核。",
            ]
        ),
        "issuer": f"{city.name}供热主管部门",
    }
