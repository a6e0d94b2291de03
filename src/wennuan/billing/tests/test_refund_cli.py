"""``wennuan refund compute IN.jsonl``: one JSON line out per line in; bad lines are error lines."""

import json

import pytest
from django.core.management import CommandError, call_command

EXAMPLE = {
    "id": "X1", "city": "default", "season": ["2025-11-01", "2026-03-31"], "area_m2": 100, "price_per_m2": 27,
    "readings": [
        {"at": "2025-12-10T09:30+08:00", "celsius": 15.0, "signed": True},
        {"at": "2025-12-14T09:30+08:00", "celsius": 18.3, "signed": True},
    ],
}  # fmt: skip


def run(tmp_path, capsys, *lines: str) -> list[dict]:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    call_command("refund", "compute", str(path))
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_the_issue_example_gives_35_76(tmp_path, capsys):
    [out] = run(tmp_path, capsys, json.dumps(EXAMPLE))
    assert out["id"] == "X1"
    assert out["refund_yuan"] == 35.76
    assert "计4天" in out["explanation"] and "按50%退费" in out["explanation"]


def test_bad_lines_give_error_lines_and_the_rest_is_computed(tmp_path, capsys):
    bad_temperature = {**EXAMPLE, "id": "X2", "readings": [{"at": "2025-12-10T09:30+08:00", "celsius": 99}]}
    outs = run(
        tmp_path, capsys,
        "{not json", json.dumps({**EXAMPLE, "id": "X3", "city": "Paris"}), json.dumps(bad_temperature),
        "", json.dumps([1, 2]), json.dumps({**EXAMPLE, "area_m2": "100"}), json.dumps(EXAMPLE),
    )  # fmt: skip
    assert [o.get("line") for o in outs[:5]] == [1, 2, 3, 5, 6]
    assert "不是合法的JSON" in outs[0]["error"]
    assert outs[1]["id"] == "X3" and "Paris" in outs[1]["error"]
    assert outs[2]["error"].startswith("readings[1].celsius")
    assert outs[4]["error"] == "area_m2：须是数字"
    assert outs[5]["refund_yuan"] == 35.76


def test_a_missing_file_is_one_clear_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("refund", "compute", str(tmp_path / "nope.jsonl"))


def test_a_line_that_is_not_utf8_is_an_error_line(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    path.write_bytes("测温".encode("gb18030") + b"\n" + json.dumps(EXAMPLE).encode() + b"\n")
    call_command("refund", "compute", str(path))
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert first == {"id": None, "line": 1, "error": "编码：须是 UTF-8 文本"}
    assert second["refund_yuan"] == 35.76
