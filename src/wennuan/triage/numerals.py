"""Chinese numerals as residents say them in addresses: 三单元, 十四栋, 五零二, 一千零一, 两百."""

import re

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "幺": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
          "七": 7, "八": 8, "九": 9}  # fmt: skip
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS)
NUMERAL_RUN = re.compile(f"[{NUMERAL_CHARS}]+")


def cn_to_int(s: str) -> int | None:
    """The value of a run of Chinese numerals, or None when it is not one.

    Positional forms (十四 = 14, 一千零一 = 1001, 两百 = 200) and digit-by-digit readings
    (五零二 = 502, 幺零一 = 101) are both understood.
    """
    if not s or any(c not in DIGITS and c not in UNITS for c in s):
        return None
    if not any(c in UNITS for c in s):
        return int("".join(str(DIGITS[c]) for c in s))
    total, current = 0, None
    for c in s:
        if c in DIGITS:
            # 零 only marks a gap (一千零一); it never multiplies the next unit
            current = None if DIGITS[c] == 0 else DIGITS[c]
        else:
            unit = UNITS[c]
            if current is None:
                if unit != 10 or total:  # 十 alone means 10; 百 or 千 need a multiplier
                    if total:
                        # 一千零十 → the bare 十 after 零 counts as 10
                        current = 1
                    else:
                        return None
                else:
                    current = 1
            total += current * unit
            current = None
    if current is not None:
        total += current
    return total


def int_to_cn(n: int) -> str:
    """Positional Chinese reading of 0 ≤ n < 10000 (used by tests and fixtures): 14 → 十四, 502 → 五百零二."""
    names = "零一二三四五六七八九"
    if n == 0:
        return "零"
    if not 0 < n < 10000:
        raise ValueError(n)
    parts, zero = [], False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit % 10
        if d:
            if zero and parts:
                parts.append("零")
            zero = False
            if not (unit == 10 and d == 1 and not parts):
                parts.append(names[d])
            parts.append(name)
        elif parts:
            zero = True
    return "".join(parts)
