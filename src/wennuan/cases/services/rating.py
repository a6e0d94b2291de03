"""The resident's rating of a case after 办结 (self-service page): one per case, on the timeline and audited."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from wennuan.core import audit
from wennuan.core.errors import DomainError

from ..enums import ANSWERED, CaseState, Satisfaction
from ..models import Case, ResidentRating
from ._base import new_event

# 办结 and after: the unit has said it is done, so the resident can say what they think of it.
RATEABLE_STATES = (CaseState.RESOLVED, CaseState.REVISITED, CaseState.CLOSED)
MAX_COMMENT = 500


class RatingRefused(DomainError):
    code = "rating_refused"
    http_status = 422


def rate_case(*, case: Case, satisfaction: str, comment: str = "", rater: str = "群众") -> ResidentRating:
    """Record the resident's rating of ``case`` (which the caller read within the resident's own cases).
    Refused before 办结, for a choice other than 满意/基本满意/不满意, a comment over 500 characters, or a
    second rating. The timeline line is written by ``rater`` (no user: residents have no account)."""
    if case.state not in RATEABLE_STATES:
        raise RatingRefused("工单办结后才能评价")
    if satisfaction not in ANSWERED:
        raise RatingRefused("请选择满意、基本满意或不满意")
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise RatingRefused(f"评价内容不超过{MAX_COMMENT}字")
    if ResidentRating.objects.filter(case=case).exists():
        raise RatingRefused("该工单已评价过")
    label = Satisfaction(satisfaction).label
    now = timezone.now()
    try:
        with transaction.atomic():
            rating = ResidentRating.objects.create(
                case=case, at=now, satisfaction=satisfaction, comment=comment
            )
            event = new_event(
                case, by=None, action="resident_rating", at=now, note=f"{label}。{comment}".rstrip("。"),
                data={"satisfaction": satisfaction},
            )  # fmt: skip
            event.actor_label = rater
            event.save()
            audit.record(
                actor=None, action="cases.resident_rating", obj=case, summary=f"{rater}评价：{label}"
            )
    except IntegrityError as exc:  # two submissions at once: the unique case decides
        raise RatingRefused("该工单已评价过") from exc
    return rating
