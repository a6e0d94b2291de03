"""Every write to a case goes through one of these functions (keyword-only arguments)."""

from .answer import AnswerRefused, answer_case, may_answer_directly
from .batch_intake import MAX_BATCH, Received, receive_cases
from .incidents import attach_to_incident, resolve_incident
from .intake import IntakeRejected, receive_case
from .photos import add_photo, kept_photo, own_photos, stored_photo
from .rating import RatingRefused, rate_case
from .revisit import RevisitIncomplete, close_case, flag_fake_closure, record_revisit, reopen_case
from .spotcheck import draw_spot_check, record_spot_check
from .supervision import complete_supervision, issue_supervision
from .workflow import (
    accept_case,
    dispatch_case,
    extend_case,
    pause_case,
    record_contact,
    record_onsite,
    resolve_case,
    resume_case,
    return_case,
    start_case,
)

__all__ = [
    "AnswerRefused",
    "answer_case",
    "may_answer_directly",
    "IntakeRejected",
    "kept_photo",
    "own_photos",
    "MAX_BATCH",
    "RatingRefused",
    "Received",
    "RevisitIncomplete",
    "accept_case",
    "add_photo",
    "attach_to_incident",
    "close_case",
    "complete_supervision",
    "dispatch_case",
    "draw_spot_check",
    "extend_case",
    "flag_fake_closure",
    "issue_supervision",
    "pause_case",
    "rate_case",
    "receive_case",
    "receive_cases",
    "record_contact",
    "record_onsite",
    "record_revisit",
    "record_spot_check",
    "reopen_case",
    "resolve_incident",
    "resolve_case",
    "resume_case",
    "return_case",
    "start_case",
    "stored_photo",
]
