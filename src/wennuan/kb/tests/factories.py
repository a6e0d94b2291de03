"""Entries for tests, written through the services (so their index terms and revisions are real)."""

from wennuan.kb import services
from wennuan.kb.enums import ReviewState


def entry(*, by, question, answer="答复口径", state=ReviewState.PUBLISHED, **fields):
    """An entry by ``by``; published by default (the supervisor's privilege: ``by`` must be one for that)."""
    return services.create_entry(
        by=by, state=state, fields=services.EntryFields(question=question, answer=answer, **fields)
    )
