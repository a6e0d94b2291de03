"""The case state machine: which action moves a case from which states to which state, and who may do it.

received ─dispatch→ dispatched ─accept→ accepted ─start→ in_progress ─resolve→ resolved ─revisit→ revisited
   ↑                    │  (accepted)                    ↑                        │          │
   └── returned ←return─┘                                └──────── reopen (重办) ──┴──────────┘
revisited ─close→ closed   (resolved ─close→ closed only by a supervisor; flagged 被办结)

Services call ``check(case, action, by)`` before changing anything; pages ask ``allowed_actions``.
"""

from dataclasses import dataclass

from wennuan.core.errors import TransitionNotAllowed
from wennuan.core.roles import Role

from .enums import CaseState as S


@dataclass(frozen=True)
class Action:
    code: str
    label: str
    sources: tuple[str, ...]
    target: str | None  # None: the state does not change (pause, contact, ...)
    roles: frozenset


UNIT = frozenset({Role.STATION_CREW, Role.DISPATCHER})
ROUTERS = frozenset({Role.HOTLINE_AGENT, Role.SUPERVISOR, Role.DISPATCHER})
REVISITORS = frozenset(
    {Role.GRID_WORKER, Role.COMMUNITY_STAFF, Role.STREET_STAFF, Role.HOTLINE_AGENT, Role.SUPERVISOR}
)
CLOSERS = frozenset({Role.HOTLINE_AGENT, Role.SUPERVISOR, Role.STREET_STAFF, Role.DISTRICT_STAFF})
SUPERVISORS = frozenset({Role.SUPERVISOR, Role.DISTRICT_STAFF, Role.STREET_STAFF})
INTAKE_ROLES = frozenset(
    {
        Role.HOTLINE_AGENT,
        Role.SUPERVISOR,
        Role.DISPATCHER,
        Role.GRID_WORKER,
        Role.COMMUNITY_STAFF,
        Role.STREET_STAFF,
        Role.DISTRICT_STAFF,
    }
)
WORKING = (S.ACCEPTED, S.IN_PROGRESS)

ACTIONS = {
    a.code: a
    for a in [
        Action("dispatch", "派单", (S.RECEIVED, S.RETURNED), S.DISPATCHED, ROUTERS),
        Action("accept", "签收", (S.DISPATCHED,), S.ACCEPTED, UNIT),
        Action("return", "退回", (S.DISPATCHED, S.ACCEPTED), S.RETURNED, UNIT),
        Action("start", "开始办理", (S.ACCEPTED,), S.IN_PROGRESS, UNIT),
        Action("contact", "已联系群众", WORKING, None, UNIT),
        Action("onsite", "已到场", WORKING, None, UNIT),
        Action("pause", "暂停计时", WORKING, None, UNIT),
        Action("resume", "恢复计时", WORKING, None, UNIT),
        Action("resolve", "办结", WORKING, S.RESOLVED, UNIT),
        Action("extend", "批准延期", WORKING, None, frozenset({Role.HOTLINE_AGENT, Role.SUPERVISOR})),
        Action("revisit", "回访", (S.RESOLVED,), None, REVISITORS),  # target decided by the answer
        Action("reopen", "重办", (S.RESOLVED, S.REVISITED), S.IN_PROGRESS, REVISITORS | CLOSERS),
        Action("close", "归档", (S.REVISITED, S.RESOLVED), S.CLOSED, CLOSERS),
        Action(
            "supervise",
            "督办",
            (S.RECEIVED, S.RETURNED, S.DISPATCHED, *WORKING, S.RESOLVED),
            None,
            SUPERVISORS,
        ),
        Action("attach", "并案", (S.RECEIVED, S.RETURNED, S.DISPATCHED, *WORKING), None, ROUTERS),
        # 直接答复: an inquiry answered on the call and closed (services/answer.py)
        Action("answer", "直接答复", (S.RECEIVED,), S.CLOSED, INTAKE_ROLES),
    ]
}


def _is_privileged(user) -> bool:
    return user is None or getattr(user, "is_superuser", False)


def role_may(user, action: str) -> bool:
    return _is_privileged(user) or getattr(user, "role", None) in ACTIONS[action].roles


def state_allows(case, action: str) -> bool:
    return case.state in ACTIONS[action].sources


def check(case, action: str, by) -> "Action":
    """Raise TransitionNotAllowed (a Chinese sentence) unless ``by`` may do ``action`` to ``case`` now.

    ``by=None`` is the system (sweep, machine intake); scope is checked by the service, not here."""
    spec = ACTIONS[action]
    if not state_allows(case, action):
        raise TransitionNotAllowed(f"工单{case.number}当前状态为“{S(case.state).label}”，不能{spec.label}")
    if not role_may(by, action):
        role = getattr(by, "get_role_display", lambda: "")() or "当前用户"
        raise TransitionNotAllowed(f"{role}无权对工单{spec.label}")
    if action == "pause" and case.paused_at is not None:
        raise TransitionNotAllowed("工单已在暂停计时中")
    if action == "resume" and case.paused_at is None:
        raise TransitionNotAllowed("工单没有暂停计时，无需恢复")
    if action == "extend" and case.extended:
        raise TransitionNotAllowed("该工单已延期过一次，不能再延期")
    if (
        action == "close"
        and case.state == S.RESOLVED
        and not _is_privileged(by)
        and by.role != Role.SUPERVISOR
    ):
        raise TransitionNotAllowed("未经回访的工单只有供热主管可以归档")
    return spec


def allowed_actions(case, user) -> list[Action]:
    """The actions ``user`` may take on ``case`` now (for showing only the buttons that will work)."""
    out = []
    for code in ACTIONS:
        try:
            check(case, code, user)
        except TransitionNotAllowed:
            continue
        out.append(ACTIONS[code])
    return out
