import json
from io import StringIO

import openpyxl
from django.core.management import call_command

from wennuan.triage.models import ClassifierModel


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("triage", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_jsonl_batch_contract(city, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": "六合小区3号楼三单元502暖气不热", "phone": "x"}, ensure_ascii=False)
        + "\n{not json\n"
        + json.dumps({"id": "c"})
        + "\n"
        + json.dumps({"id": "d", "text": "幸福家园2号楼1单元101漏水"}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    out, err = run(str(src))
    lines = [json.loads(x) for x in out.splitlines()]
    assert [x["id"] for x in lines] == ["a", None, "c", "d"]
    a = lines[0]
    assert set(a) >= {"id", "status", "level", "account", "estate", "building", "unit", "room", "station",
                      "company", "category", "confidence", "candidates"}  # fmt: skip
    assert (a["status"], a["level"], a["account"], a["category"]) == (
        "matched",
        "household",
        "LH0008",
        "not_warm",
    )
    assert "error" in lines[1] and "error" in lines[2]
    assert "in.jsonl:2: invalid JSON" in err and "in.jsonl:3: missing text" in err
    d = lines[3]
    assert d["status"] == "ambiguous" and len(d["candidates"]) == 2 and d["category"] == "leak"


def test_csv_in_xlsx_out(city, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("工单号,诉求内容\nW1,五泉路46号2单元3楼2号暖气片是冰的\nW2,\n", encoding="utf-8-sig")
    dst = tmp_path / "out.xlsx"
    _, err = run(str(src), "-o", str(dst))
    assert "in.csv:3: empty 诉求内容" in err
    ws = openpyxl.load_workbook(dst).active
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    assert header[:2] == ("工单号", "诉求内容") and "户号" in header and "诉求类别" in header
    first = dict(zip(header, rows[1], strict=True))
    assert (first["工单号"], first["定位状态"], first["房号"], first["诉求类别"]) == (
        "W1",
        "matched",
        "302",
        "not_warm",
    )


def test_train_subcommand_stores_a_model(city, tmp_path):
    src = tmp_path / "history.jsonl"
    rows = [{"id": i, "text": "屋里烧得不行", "expect": {"category": "not_warm"}} for i in range(5)]
    rows.append({"id": 9, "text": "随便说说", "expect": {"category": "nonsense"}})
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out, err = run("train", str(src))
    assert "trained on 5 samples" in out and "unknown category 'nonsense'" in err
    assert ClassifierModel.objects.get().samples == 5


def test_train_from_spreadsheet_with_chinese_category_names(city, tmp_path):
    src = tmp_path / "history.csv"
    src.write_text("诉求内容,类别\n屋里烧得不行,暖气不热\n要开票,发票\n", encoding="utf-8")
    out, _ = run("train", str(src))
    assert "trained on 2 samples" in out


def test_xlsx_out_writes_typed_text_as_text(city, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("工单号,诉求内容\n=1+1,@SUM(A1) 五泉路46号暖气不热\n", encoding="utf-8-sig")
    dst = tmp_path / "out.xlsx"
    run(str(src), "-o", str(dst))
    ws = openpyxl.load_workbook(dst).active
    assert [(c.value, c.data_type) for c in ws[2][:2]] == [
        ("=1+1", "s"),
        ("@SUM(A1) 五泉路46号暖气不热", "s"),
    ]
