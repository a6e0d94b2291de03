"""Agent assist on the intake form: panels upper apps show beside it while the agent types, and the
sources a pure inquiry can be answered from at once (直接答复). Cases imports none of those apps.

Panels are htmx fragments loaded by URL name: the intake page asks each registered URL with the form's
fields (``text``, ``address``, ``account``, …) as the agent types and shows what it answers. Register in
``AppConfig.ready``: ``assist.register_panel("kb:assist", order=20)``.

Answer sources turn a reference such as ``kb:42`` into the text the resident was told, checked for the
user (scope, still valid): ``assist.register_answer_source("kb", resolve)`` where
``resolve(user=, key=) -> DirectAnswer`` raises a ``DomainError`` when it cannot answer."""

from collections.abc import Callable
from dataclasses import dataclass

from wennuan.core.errors import DomainError


@dataclass(frozen=True)
class AssistPanel:
    url_name: str
    order: int = 100
    roles: frozenset | None = None  # None: every role that takes complaints


_PANELS: list[AssistPanel] = []


def register_panel(url_name: str, *, order: int = 100, roles=None) -> None:
    if any(p.url_name == url_name for p in _PANELS):
        return
    _PANELS.append(AssistPanel(url_name, order, frozenset(roles) if roles else None))
    _PANELS.sort(key=lambda p: p.order)


def panels_for(user) -> list[AssistPanel]:
    role = getattr(user, "role", None)
    return [p for p in _PANELS if p.roles is None or role in p.roles or user.is_superuser]


@dataclass(frozen=True)
class DirectAnswer:
    """What a case answered directly records: the source's reference, its title and the text given."""

    ref: str  # "kb:42"
    title: str
    text: str


class AnswerSourceUnknown(DomainError):
    code = "answer_source_unknown"
    http_status = 422


_SOURCES: dict[str, Callable[..., DirectAnswer]] = {}


def register_answer_source(prefix: str, resolve: Callable[..., DirectAnswer]) -> None:
    _SOURCES[prefix] = resolve


def resolve_answer(ref: str, *, user) -> DirectAnswer:
    """The answer ``ref`` ("kb:42") stands for, as ``user`` may give it; ``DomainError`` when it cannot."""
    prefix, _, key = (ref or "").partition(":")
    source = _SOURCES.get(prefix)
    if source is None or not key:
        raise AnswerSourceUnknown(f"答复依据“{ref}”无法识别")
    return source(user=user, key=key)
