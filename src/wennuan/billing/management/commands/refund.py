"""``wennuan refund compute IN.jsonl``: the refund engine in bulk, one JSON line out per line in.

A line that cannot be computed gives an error object (``{"id", "line", "error"}``) and a note on stderr;
the other lines are still computed. Blank lines are skipped. ``-`` reads standard input.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wennuan.billing.refunds.jsonl import compute_line


class Command(BaseCommand):
    help = "测温退费：按城市规则批量计算退费（JSONL 输入，每行输出一个 JSON）。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["compute"])
        parser.add_argument("path", help="input .jsonl (- for standard input)")

    def handle(self, *args, action, path, **opts):
        if path == "-":
            return self.compute(sys.stdin.buffer, path)
        try:
            with Path(path).open("rb") as stream:
                self.compute(stream, path)
        except OSError as err:
            raise CommandError(f"cannot read {path}: {err.strerror}") from err

    def compute(self, stream, path: str) -> None:
        for number, raw in enumerate(stream, 1):
            if not raw.strip():
                continue
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                out = {"id": None, "line": number, "error": "编码：须是 UTF-8 文本"}
            else:
                out = compute_line(text, number)
            if "error" in out:
                self.stderr.write(f"{path}:{number}: {out['error']}")
            self.stdout.write(json.dumps(out, ensure_ascii=False))
