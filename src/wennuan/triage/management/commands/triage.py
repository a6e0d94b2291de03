"""``wennuan triage``: the batch contract and training.

    wennuan [--db URL] triage INPUT.jsonl > OUTPUT.jsonl
    wennuan [--db URL] triage INPUT.xlsx|INPUT.csv -o OUTPUT.xlsx   (诉求内容 column; results appended)
    wennuan [--db URL] triage train FILE [FILE...]                  (JSONL text+expect.category, or
                                                                     csv/xlsx with 诉求内容 + 类别/category)
Bad input lines are reported on stderr (line number and reason) and produce an error object.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wennuan.core.sheets import SheetTooLarge, new_workbook
from wennuan.triage.io import category_code, read_items

OUT_COLUMNS = (
    ("status", "定位状态"), ("level", "定位层级"), ("account", "户号"), ("estate", "小区"),
    ("building", "楼号"), ("unit", "单元"), ("room", "房号"), ("station", "换热站"),
    ("company", "供热企业"), ("category", "诉求类别"), ("confidence", "置信度"),
)  # fmt: skip


class Command(BaseCommand):
    help = "Resolve and classify complaints in a batch (JSONL, CSV, Excel); `triage train FILE` trains."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="INPUT file, or: train FILE [FILE...]")
        parser.add_argument("-o", "--output", help="write here (.xlsx or .jsonl) instead of stdout")

    def handle(self, *args, paths, output=None, **opts):
        if paths[0] == "train":
            if len(paths) < 2:
                raise CommandError("usage: wennuan triage train FILE [FILE...]")
            return self.train([Path(p) for p in paths[1:]])
        if len(paths) != 1:
            raise CommandError("usage: wennuan triage INPUT [-o OUTPUT]")
        self.run_batch(Path(paths[0]), Path(output) if output else None)

    def train(self, paths: list[Path]):
        from wennuan.triage.classifier import train

        samples = []
        for path in paths:
            try:
                _, items = read_items(path)
                for item in items:
                    code = category_code(item.category)
                    if item.text and code:
                        samples.append((item.text, code))
                    else:
                        why = item.error or (
                            "unknown category " + repr(item.category) if item.category else "no category"
                        )
                        self.stderr.write(f"{path}:{item.line}: skipped: {why}")
            except (OSError, ValueError, SheetTooLarge) as e:
                raise CommandError(str(e)) from e
        if not samples:
            raise CommandError("no labelled samples found")
        row = train(samples, source=", ".join(p.name for p in paths))
        self.stdout.write(f"trained on {len(samples)} samples (+ seed phrases); model #{row.pk} in use")

    def run_batch(self, path: Path, output: Path | None):
        from wennuan.triage.service import triage_many

        try:
            header, items = read_items(path)
        except (OSError, ValueError, SheetTooLarge) as e:
            raise CommandError(str(e)) from e
        items = list(items)
        good = [it for it in items if not it.error]
        results = dict(zip((id(it) for it in good), triage_many(it.text for it in good), strict=True))
        records = []
        for it in items:
            if it.error:
                self.stderr.write(f"{path}:{it.line}: {it.error}")
                records.append((it, {"id": it.id, "line": it.line, "error": it.error}))
            else:
                records.append((it, {"id": it.id, **results[id(it)].as_output()}))
        if output and output.suffix.lower() == ".xlsx":
            self.write_xlsx(output, header, records)
            return
        if output:
            with open(output, "w", encoding="utf-8") as out:
                for _, rec in records:
                    out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        else:
            for _, rec in records:
                self.stdout.write(json.dumps(rec, ensure_ascii=False))

    def write_xlsx(self, output: Path, header: list, records):
        wb = new_workbook(str(output))
        ws = wb.add_worksheet("分拣结果")
        base = header or ["id", "诉求内容"]
        ws.write_row(0, 0, [*base, *(zh for _, zh in OUT_COLUMNS), "候选", "错误"])
        for r, (it, rec) in enumerate(records, start=1):
            row = list(it.row) if it.row is not None else [it.id, it.text]
            row = [("" if v is None else v) for v in row[: len(base)]]
            row += [""] * (len(base) - len(row))
            values = [rec.get(k) if rec.get(k) is not None else "" for k, _ in OUT_COLUMNS]
            cands = "；".join(
                " ".join(str(c[k]) for k in ("district", "estate", "building", "unit", "room") if c.get(k))
                for c in rec.get("candidates", [])
            )
            ws.write_row(r, 0, [*row, *values, cands, rec.get("error", "")])
        wb.close()
