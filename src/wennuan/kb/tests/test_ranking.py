"""Eleven questions the way residents say them: each ranks the entry that answers it first, among the
whole demo knowledge base (runs on SQLite's FTS5 and on PostgreSQL's tsvector alike)."""

import pytest
from django.db import connection

from wennuan.kb import selectors

QUESTIONS = [
    ("家里暖气片不热了咋整", "暖气不热怎么办？"),
    ("停暖要去哪办", "报停怎么办理？停暖要去哪办？"),
    ("俺家暖器片子上头热下头凉", "暖气片上面热下面凉、一半热一半凉是怎么回事？"),
    ("屋里才十五度，能给退钱不", "室温不达标能退费吗？退多少？"),
    ("去年报停了今年想开阀咋弄", "报停后想恢复供热（开栓）怎么办？"),
    ("暖气费明明交了咋还显示欠费", "暖气费交了系统还显示没交怎么办？"),
    ("低保的采暖补助到现在还没给", "采暖补贴一直没发怎么办？"),
    ("电子发票上哪打", "怎么开暖气费发票？电子发票在哪打印？"),
    ("暖气片咕噜咕噜响，跑风咋放", "暖气片怎么放气？"),
    ("楼上暖气管子往下滴水", "暖气管漏水、阀门滴水怎么办？"),
    # two entries about 低保 subsidies: the one about a subsidy not paid
    ("补贴一直没发，低保户，问问啥时候给", "采暖补贴一直没发怎么办？"),
]


# Analysed: PostgreSQL then knows which terms are in most entries and ranks only entries with a telling
# one (kb.search._telling_pg); before the first ANALYZE it ranks every match.
@pytest.mark.parametrize("analysed", [False, True], ids=["fresh", "analysed"])
@pytest.mark.parametrize(("asked", "expected"), QUESTIONS, ids=[q for q, _ in QUESTIONS])
def test_colloquial_question_ranks_its_entry_first(world, corpus, asked, expected, analysed):
    if analysed:
        with connection.cursor() as cur:
            cur.execute("ANALYZE kb_entry")
    hits = selectors.search(user=world.users["hotline"], q=asked, limit=5)
    assert hits, f"nothing found for {asked}"
    assert hits[0].entry.question == expected, [h.entry.question for h in hits]
