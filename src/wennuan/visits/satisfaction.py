"""满意度调查表: the 四问 answers of a phase per building or estate, and the re-surveys after a fix.

满意率 follows domain.md: (yes + basically) ÷ answers given, per question; a question not asked
("") is not counted.
"""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery

from .enums import Answer, Outcome, TaskPurpose
from .models import Phase, Visit

QUESTIONS = {
    "answer_satisfied": "满不满意",
    "answer_happy": "高不高兴",
    "answer_agree": "答不答应",
    "answer_accept": "接不接受",
}
LEVELS = {
    "building": (
        "household__unit__building_id",
        "household__unit__building__label",
        "household__unit__building__estate__name",
    ),
    "estate": ("household__unit__building__estate_id", "household__unit__building__estate__name", None),
}


@dataclass
class QuestionResult:
    yes: int
    basic: int
    no: int

    @property
    def answered(self) -> int:
        return self.yes + self.basic + self.no

    @property
    def rate(self) -> float | None:
        return (self.yes + self.basic) / self.answered if self.answered else None

    @property
    def rate_pct(self) -> str:
        return "—" if self.rate is None else f"{self.rate:.1%}"


@dataclass
class SatisfactionRow:
    key: int
    name: str
    visits: int
    questions: dict  # field name -> QuestionResult


def satisfaction_by(*, user, phase: Phase, level: str = "building") -> list[SatisfactionRow]:
    """One row per building (or estate) with visits in the phase that ``user`` may see. One query."""
    key_path, name_path, parent_path = LEVELS[level]
    aggregates = {"n": Count("pk")}
    for field in QUESTIONS:
        for answer in Answer:
            aggregates[f"{field}__{answer.value}"] = Count("pk", filter=Q(**{field: answer.value}))
    names = [key_path, name_path] + ([parent_path] if parent_path else [])
    rows = (
        Visit.objects.visible_to(user)
        .filter(phase=phase, outcome=Outcome.VISITED)
        .values(*names)
        .annotate(**aggregates)
        .order_by(*(reversed(names[1:])))
    )
    out = []
    for r in rows:
        label = f"{r[parent_path]}{r[name_path]}" if parent_path else r[name_path]
        questions = {
            f: QuestionResult(yes=r[f"{f}__yes"], basic=r[f"{f}__basic"], no=r[f"{f}__no"]) for f in QUESTIONS
        }
        out.append(SatisfactionRow(key=r[key_path], name=label, visits=r["n"], questions=questions))
    return out


@dataclass(frozen=True)
class ResurveyResult:
    scheduled: int  # re-survey tasks after a fix
    done: int  # of which the resident was asked again
    satisfied_before: int  # 满意 or 基本满意 on the visit that found the problem
    satisfied_after: int  # 满意 or 基本满意 on the re-survey

    @property
    def rate_after(self) -> float | None:
        return self.satisfied_after / self.done if self.done else None


def resurvey_result(*, user, phase: Phase) -> ResurveyResult:
    """Before and after a fix: the 满不满意 answer on the visit that found the problem and on the
    re-survey visit, for re-surveys that happened (two queries)."""
    from .models import VisitTask

    tasks = VisitTask.objects.visible_to(user).filter(phase=phase, purpose=TaskPurpose.RESURVEY)
    scheduled = tasks.count()
    after_answer = Subquery(
        Visit.objects.filter(task_id=OuterRef("pk"), outcome=Outcome.VISITED)
        .order_by("-visited_at")
        .values("answer_satisfied")[:1]
    )
    pairs = list(
        tasks.annotate(after=after_answer)
        .exclude(after=None)
        .values_list("problem__visit__answer_satisfied", "after")
    )
    good = {Answer.YES, Answer.BASIC}
    return ResurveyResult(
        scheduled=scheduled,
        done=len(pairs),
        satisfied_before=sum(before in good for before, _ in pairs),
        satisfied_after=sum(after in good for _, after in pairs),
    )
