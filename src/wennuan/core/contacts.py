"""Checks of what a resident types to be called back and found: a phone number that can be dialled, an
address a crew can walk to. Each says what is missing, in words the resident understands."""

import re

# A mainland mobile (11 digits from 13–19), a landline with its area code (010-12345678, 0931 8123456),
# or a local landline of 7–8 digits; spaces and hyphens are allowed and a +86 prefix is dropped.
MOBILE = re.compile(r"1[3-9]\d{9}")
LANDLINE = re.compile(r"0\d{2,3}\d{7,8}|[2-9]\d{6,7}")

_BUILDING = re.compile(r"[0-9０-９一二三四五六七八九十百]+\s*(号楼|号院|栋|幢|座|楼|号)")
_ROOM = re.compile(r"[0-9０-９]{3,4}\s*(室|号|户)?\s*$|[0-9０-９]+\s*(室|户)")
_DASHED = re.compile(r"[0-9]+\s*[-－]\s*[0-9]+\s*[-－]\s*[0-9]+")  # 3-2-301: building, stairwell, room
# Words that name no place: what is left after them must still hold a name (幸福小区, 西园路).
_NOT_A_PLACE = re.compile(r"我家|家里|我们家|这里|这边|楼上|楼下|[家楼号栋幢座单元室户层门]|[0-9０-９\s\-－]")


def normalized_phone(value: str) -> str:
    digits = re.sub(r"[\s\-－()（）]", "", value or "")
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    return digits


def phone_problem(value: str) -> str:
    """ "" when ``value`` is a number one can call back, else why not (a Chinese sentence)."""
    digits = normalized_phone(value)
    if not digits:
        return "请填写联系电话"
    if not digits.isdigit():
        return "联系电话只能包含数字"
    if MOBILE.fullmatch(digits) or LANDLINE.fullmatch(digits):
        return ""
    if digits.startswith("1"):
        return f"手机号应为11位（现为{len(digits)}位）"
    return "请填写11位手机号，或带区号的座机号码（如0931-8123456）"


def address_missing(value: str) -> list[str]:
    """What a crew could not find from ``value``: 小区或街道名称, 楼号, 房号 (empty: nothing missing)."""
    text = (value or "").strip()
    missing = []
    if len(re.findall(r"[\u4e00-\u9fff]", _NOT_A_PLACE.sub("", text))) < 2:
        missing.append("小区或街道名称")
    dashed = _DASHED.search(text)
    if not (dashed or _BUILDING.search(text)):
        missing.append("楼号")
    if not (dashed or _ROOM.search(text)):
        missing.append("房号")
    return missing
