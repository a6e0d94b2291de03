"""The hall's periodic work (core.periodic): flag 报停/开栓 applications past the company's answer limit."""

from wennuan.core.periodic import register


@register("hall.answer_overdue")
def answer_overdue() -> dict:
    from .services.applications import mark_overdue_answers

    return {"overdue": mark_overdue_answers()}
