"""Phone numbers residents type: an 11-digit mainland mobile, or a landline with its area code."""

import re

from wennuan.core.errors import DomainError

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９－", "0123456789-")


class PhoneInvalid(DomainError):
    code = "phone_invalid"
    http_status = 422


def normalized(raw: str) -> str:
    """Digits and at most one dash: spaces, full-width digits and a leading +86 / 86 removed."""
    p = re.sub(r"[\s()（）]", "", (raw or "").translate(_FULL_WIDTH))
    if p.startswith("+86"):
        p = p[3:]
    elif p.startswith("86") and len(p) == 13:
        p = p[2:]
    return p


def digits(raw: str) -> str:
    return re.sub(r"\D", "", normalized(raw))


def checked_mobile(raw: str, *, label: str = "手机号") -> str:
    """The normalized mobile number, or PhoneInvalid naming ``label`` and why."""
    p = normalized(raw)
    if not p:
        raise PhoneInvalid(f"请填写{label}")
    if not MOBILE.match(p):
        raise PhoneInvalid(f"{label}应为11位手机号（1开头）")
    return p


def checked_phone(raw: str, *, label: str = "联系电话") -> str:
    """A mobile or a landline with its area code (0931-8123456), normalized; PhoneInvalid otherwise."""
    p = normalized(raw)
    if not p:
        raise PhoneInvalid(f"请填写{label}")
    if not (MOBILE.match(p) or LANDLINE.match(p)):
        raise PhoneInvalid(f"{label}应为11位手机号，或带区号的固定电话（如 0931-8123456）")
    return p
