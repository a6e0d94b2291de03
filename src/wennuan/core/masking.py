"""Masking of personal data (names, phones) for roles that do not need to contact residents."""


def mask_phone(phone: str) -> str:
    """138****5678 for an 11-digit mobile; other numbers keep their first 3 and last 2 characters."""
    p = (phone or "").strip()
    if not p:
        return ""
    if len(p) >= 11:
        return p[:3] + "****" + p[-4:]
    if len(p) > 5:
        return p[:3] + "*" * (len(p) - 5) + p[-2:]
    return "*" * len(p)


def mask_name(name: str) -> str:
    """王*英 for three characters, 王* for two, 欧阳**明 keeps the first and last character."""
    n = (name or "").strip()
    if len(n) <= 1:
        return n
    if len(n) == 2:
        return n[0] + "*"
    return n[0] + "*" * (len(n) - 2) + n[-1]


def shown_name(user, name: str) -> str:
    return name if sees_personal_data(user) else mask_name(name)


def shown_phone(user, phone: str) -> str:
    return phone if sees_personal_data(user) else mask_phone(phone)


def sees_personal_data(user) -> bool:
    return bool(getattr(user, "sees_personal_data", False))
