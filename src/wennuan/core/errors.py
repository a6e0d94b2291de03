"""Domain errors. Services raise these; one handler per surface (pages, API, CLI) turns them into responses."""

from dataclasses import dataclass, field


class DomainError(Exception):
    """A rule of the domain refused the request; ``str(err)`` is a sentence for the user (Chinese)."""

    code = "domain_error"
    http_status = 400


class NotInScope(DomainError):
    code = "not_in_scope"
    http_status = 404


class HouseholdMismatch(DomainError):
    """A request named a household twice (by id and by 户号) and the two do not name one household in the
    caller's scope."""

    code = "household_mismatch"
    http_status = 422


class NotPermitted(DomainError):
    """The user's role may not do this at all (not a matter of scope: that is ``NotInScope``)."""

    code = "forbidden"
    http_status = 403


class TransitionNotAllowed(DomainError):
    code = "transition_not_allowed"
    http_status = 409


class StaleObject(DomainError):
    """Someone else changed the object first (optimistic locking)."""

    code = "stale"
    http_status = 409


@dataclass
class RowError:
    row: int  # 1-based line/row number as the user sees it in Excel (header is row 1)
    column: str
    reason: str
    value: str = ""

    def __str__(self) -> str:
        shown = f"（值：{self.value}）" if self.value else ""
        return f"第{self.row}行 [{self.column}] {self.reason}{shown}"


@dataclass
class ImportRejected(DomainError):
    """A file had bad rows; nothing was written. Carries every bad row, not only the first."""

    errors: list[RowError] = field(default_factory=list)
    code = "import_rejected"
    http_status = 422

    def __str__(self) -> str:
        return f"导入被拒绝：{len(self.errors)} 处错误，未写入任何数据"


class BadServiceRequest(DomainError):
    """An Open311 request the spec's rules refuse (missing or bad parameter): a 400 with the reason."""

    code = "bad_service_request"
    http_status = 400


class ApiKeyInvalid(DomainError):
    """No such api_key, or its client is switched off: the spec's 403."""

    code = "api_key_invalid"
    http_status = 403
