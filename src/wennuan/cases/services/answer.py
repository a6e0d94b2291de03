"""直接答复: a pure inquiry (how to apply for 报停, where the invoice is, how a refund is counted) answered
on the call from a source an upper app provides (the knowledge base: ``kb:42``) and closed at once.

The case records the source (``answered_from``) and the text given as its resolution; it counts as
received, resolved on time and closed, and as 直接答复 in the KPIs. A complaint about heat itself, a leak
or a late repair is never closed this way: it needs a unit on site."""

from django.utils import timezone

from wennuan.core.categories import DEFAULT_PRIORITY, HEATING_CATEGORIES, Category, Priority
from wennuan.core.errors import DomainError

from .. import assist
from ..enums import CaseState, RootCause
from ..models import Case
from ._base import apply_change, authorize


class AnswerRefused(DomainError):
    code = "direct_answer_refused"
    http_status = 422


def may_answer_directly(category: str) -> bool:
    """Inquiries only: not a heating category, and nothing whose default priority is above 一般."""
    return category not in HEATING_CATEGORIES and DEFAULT_PRIORITY[Category(category)] == Priority.NORMAL


def answer_case(*, case: Case, by, ref: str, note: str = "") -> Case:
    """Answer ``case`` (just received) from ``ref`` and close it. Raises ``AnswerRefused`` for a category
    that needs a unit, the source's own error when ``ref`` is not an answer ``by`` may give."""
    authorize(case, "answer", by)
    if not may_answer_directly(case.category):
        raise AnswerRefused(f"“{case.get_category_display()}”类诉求须派单处理，不能直接答复")
    answer = assist.resolve_answer(ref, user=by)
    now = timezone.now()
    return apply_change(
        case,
        by=by,
        action="answer",
        to_state=CaseState.CLOSED,
        changes={
            "answered_from": answer.ref,
            "resolution": answer.text,
            "root_cause": RootCause.OTHER,
            "resolved_at": now,
            "first_resolved_at": case.first_resolved_at or now,
            "resolved_on_time": case.resolve_due is None or now <= case.resolve_due,
            "closed_at": now,
        },
        note=note or f"依据“{answer.title}”直接答复",
        data={"answered_from": answer.ref, "title": answer.title},
        summary=f"工单{case.pk} 直接答复（{answer.ref}）",
    )
