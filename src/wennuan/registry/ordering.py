"""The order people expect of labels with numbers in them (rooms, buildings, units)."""

import re

_PARTS = re.compile(r"\d+|\D+")


def natural(text: str) -> tuple:
    """A sort key reading the numbers in ``text`` as numbers: 302 before 1102, 2号楼 before 10号楼, 6-2
    before 6-10."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part) for part in _PARTS.findall(text or "")
    )
