"""What the hall does when a case changes (cases.hooks, inside the change's transaction):

- a 办结/退回/归档/暂停 whose text gives a previous owner's or a neighbour's arrears as the reason heat is
  withheld is refused (the change rolls back) with the rule, so the agent sees the warning at once;
- the 开栓 work order resolved sets the day heat came back on its application (the fee is prorated from it);
  reopened, it clears it again."""

from wennuan.cases.hooks import CaseChange, on_change
from wennuan.core.categories import Category

from . import arrears
from .errors import ArrearsNotAReason

CHECKED_ACTIONS = frozenset({"resolve", "return", "close", "pause", "extend"})


def refuse_arrears_as_reason(change: CaseChange) -> None:
    if change.action not in CHECKED_ACTIONS:
        return
    text = " ".join([change.note, str(change.changes.get("resolution") or "")])
    found = arrears.cited(text)
    if found is not None and found.whose is arrears.Whose.OTHERS:
        raise ArrearsNotAReason(found.warning)


def resume_work_order_done(change: CaseChange) -> None:
    if change.action not in ("resolve", "reopen") or change.case.category != Category.SUSPEND_RESUME:
        return
    from .services.applications import work_order_changed

    work_order_changed(case=change.case, resolved=change.action == "resolve", at=change.at)


def connect() -> None:
    on_change(refuse_arrears_as_reason)
    on_change(resume_work_order_done)
