"""The forms sets (tools/forms_set.py) end to end: their ledger through the importer, their cases through the
engine, scored as ../shared/tools/score_triage.py scores. heldback/ was never tuned on."""

import json
from pathlib import Path

import pytest

from wennuan.registry.ledger.importer import import_ledger
from wennuan.triage.index import invalidate_index
from wennuan.triage.service import triage_many
from wennuan.triage.tools.forms_set import score

DATA = Path(__file__).parent / "data" / "forms"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["dev", "heldback"])
def test_forms_set_meets_the_goals(name):
    import_ledger(source=DATA / name / "registry.csv", city="河湾市")
    invalidate_index()  # a bulk import sends no save signals; a serving process sees it within seconds
    cases = [
        json.loads(line) for line in (DATA / name / "cases.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    outputs = [
        {"id": c["id"], **r.as_output()}
        for c, r in zip(cases, triage_many(c["text"] for c in cases), strict=True)
    ]
    s = score(cases, outputs)
    assert s["building"] >= 97.0 and s["household"] >= 97.0, s
    assert s["wrong"] <= 0.2 and s["abstain"] == 100.0, s


def test_the_sets_hold_every_form():
    for name in ("dev", "heldback"):
        cases = [
            json.loads(x) for x in (DATA / name / "cases.jsonl").read_text(encoding="utf-8").splitlines()
        ]
        statuses = {(c["expect"]["status"], c["expect"].get("level")) for c in cases}
        assert statuses == {
            ("matched", "household"),
            ("matched", "building"),
            ("ambiguous", None),
            ("unmatched", None),
        }
        ledger = (DATA / name / "registry.csv").read_text(encoding="utf-8-sig")
        assert "其他门牌" in ledger.splitlines()[0]
