"""Who writes the knowledge base: the city's supervisors every entry, a company's dispatchers their own
company's. Publishing (审核发布) and sending back are the supervisor's: an entry a resident may be told
is reviewed by the city."""

from wennuan.core.roles import Role

from .enums import ReviewState, Transition


def can_write(user) -> bool:
    """May create entries at all."""
    return bool(getattr(user, "is_supervisor", False)) or (
        getattr(user, "role", None) == Role.DISPATCHER and user.company_id is not None
    )


def can_edit(user, entry) -> bool:
    if getattr(user, "is_supervisor", False):
        return True
    return can_write(user) and entry.company_id is not None and entry.company_id == user.company_id


# Transition → (from states, to state, supervisor only)
TRANSITIONS = {
    Transition.SUBMIT: ((ReviewState.DRAFT,), ReviewState.IN_REVIEW, False),
    Transition.PUBLISH: ((ReviewState.DRAFT, ReviewState.IN_REVIEW), ReviewState.PUBLISHED, True),
    Transition.SEND_BACK: ((ReviewState.IN_REVIEW,), ReviewState.DRAFT, True),
    Transition.RETIRE: ((ReviewState.PUBLISHED, ReviewState.IN_REVIEW), ReviewState.RETIRED, False),
    Transition.REDRAFT: ((ReviewState.RETIRED,), ReviewState.DRAFT, False),
}


def may_move(user, entry, transition: str) -> bool:
    sources, _, supervisor_only = TRANSITIONS[Transition(transition)]
    if entry.state not in sources or not can_edit(user, entry):
        return False
    return not supervisor_only or getattr(user, "is_supervisor", False)


def allowed_transitions(user, entry) -> list[Transition]:
    return [t for t in Transition if may_move(user, entry, t)]
