"""The knowledge base on the intake form (cases.assist): the entries that answer what the agent is
typing, for the household being talked about, and the source a 直接答复 is recorded from (``kb:42``)."""

from wennuan.cases import assist as cases_assist
from wennuan.core.errors import NotInScope

from . import selectors

# Entries shown beside the intake form.
SHOWN = 3


def resolve(*, user, key: str) -> cases_assist.DirectAnswer:
    """Entry ``key`` as ``user`` may answer from it today (published, valid, in scope)."""
    entry = selectors.searchable(user=user).filter(pk=int(key)).first() if key.isdigit() else None
    if entry is None:
        raise NotInScope("知识库条目不存在、未发布或今日不在有效期内")
    return cases_assist.DirectAnswer(ref=entry.ref, title=entry.question, text=entry.answer)


def register_all() -> None:
    cases_assist.register_panel("kb:assist", order=20)
    cases_assist.register_answer_source("kb", resolve)
