"""What a resident may read: only their own household's rows. Every function takes the household the
resident session is bound to (``session.household_of``) and starts from it; an id of anyone else's case
simply is not found."""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q

from wennuan.billing.models import RefundEntry
from wennuan.cases.enums import CaseState
from wennuan.cases.models import Case, CaseEvent, ResidentRating
from wennuan.cases.services.rating import RATEABLE_STATES
from wennuan.registry.models import Building, Estate, Household

# The timeline as a resident reads it: what happened, in their words. Internal steps (overdue marks, spot
# checks, honesty flags, pauses) are not shown, nor who did what: no staff names, phones or notes.
RESIDENT_WORDING = {
    "receive": "已受理您的诉求",
    "dispatch": "已派给供热单位办理",
    "return": "正在重新确定办理单位",
    "accept": "供热单位已接单",
    "start": "开始办理",
    "contact": "工作人员已与您联系",
    "onsite": "工作人员已到现场",
    "extend": "办理期限已延长",
    "resolve": "已办结",
    "revisit": "已回访",
    "reopen": "重新办理",
    "close": "已归档",
    "escalate": "已提级督促办理",
    "supervise": "已督办",
    "attach": "已与同一问题合并办理",
    "photo": "已补充照片",
    "resident_rating": "您的评价",
}
# Lines whose note is the resident's own words (shown back to them); every other note stays internal.
OWN_NOTES = {"resident_rating"}
# A phone number in a unit's free text (办理情况) is masked before a resident sees it.
_PHONE_IN_TEXT = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)|(?<!\d)(0\d{2,3}-?)\d{3,4}(\d{4})(?!\d)")


@dataclass(frozen=True)
class TimelineLine:
    at: datetime
    text: str
    note: str = ""


def own_cases(household: Household):
    """The household's cases: those about it (any channel) and those it filed here about its estate."""
    return (
        Case.objects.filter(Q(household=household) | Q(resident_report__household=household))
        .distinct()
        .order_by("-received_at", "-id")
    )


def own_case(household: Household, case_id: int) -> Case | None:
    return own_cases(household).select_related("building__estate").filter(pk=case_id).first()


def timeline(case: Case) -> list[TimelineLine]:
    lines = []
    for e in CaseEvent.objects.filter(case=case, action__in=RESIDENT_WORDING).order_by("at", "id"):
        text = RESIDENT_WORDING[e.action]
        if e.action == "revisit" and e.to_state == "":
            continue  # an unanswered call-back attempt is the unit's business
        lines.append(TimelineLine(at=e.at, text=text, note=e.note if e.action in OWN_NOTES else ""))
    return lines


def resolution_for_resident(case: Case) -> str:
    """The unit's 办理情况 with phone numbers masked (it is written for the file, not for the public)."""
    return _PHONE_IN_TEXT.sub(lambda m: "***", case.resolution or "")


def rating_of(case: Case) -> ResidentRating | None:
    return ResidentRating.objects.filter(case=case).first()


def can_rate(case: Case) -> bool:
    return case.state in RATEABLE_STATES and not ResidentRating.objects.filter(case=case).exists()


def open_case_of(household: Household, category: str) -> Case | None:
    """An open case of ``category`` the household already has (a second 测温 request is not filed)."""
    return (
        own_cases(household)
        .filter(category=category)
        .exclude(state__in=[CaseState.RESOLVED, CaseState.REVISITED, CaseState.CLOSED])
        .first()
    )


# Where a resident may say a problem is: the estates of their own street, building by building.
def estates_near(household: Household, *, also: int | None = None):
    street_id = household.grid.community.street_id
    q = Q(buildings__units__households__grid__community__street_id=street_id)
    if also:
        q |= Q(pk=also)
    return Estate.objects.filter(q).distinct().order_by("name", "id")


def buildings_of(estate_id: int):
    return Building.objects.filter(estate_id=estate_id).order_by("label", "id")


def building_near(household: Household, building_id: int) -> Building | None:
    """The building if it is in one of the estates the resident may pick from; None otherwise."""
    building = Building.objects.select_related("estate").filter(pk=building_id).first()
    if building is None or not estates_near(household).filter(pk=building.estate_id).exists():
        return None
    return building


def refunds_of(household: Household):
    return (
        RefundEntry.objects.filter(household=household)
        .select_related("season")
        .order_by("-season__starts_on")
    )


def building_of_grid(grid, building_id: int) -> Building | None:
    """The building if some household of ``grid`` lives in it (a contact card's QR code names one)."""
    return (
        Building.objects.select_related("estate")
        .filter(pk=building_id, units__households__grid=grid)
        .distinct()
        .first()
    )
