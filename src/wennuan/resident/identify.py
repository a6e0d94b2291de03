"""Identifying a resident: 户号 + the household's registered mobile, then a one-time code sent to it."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from wennuan.core import audit
from wennuan.core.errors import DomainError
from wennuan.core.masking import mask_phone
from wennuan.registry.models import Household

from . import sms
from .models import LoginCode
from .phones import checked_mobile, digits


class IdentifyRefused(DomainError):
    code = "identify_refused"
    http_status = 422


class CodeRefused(DomainError):
    code = "code_refused"
    http_status = 422


# One sentence for an unknown 户号 and for a phone that is not the household's: the page must not tell a
# stranger which 户号 exist.
NO_MATCH = "户号与登记的手机号不一致。请核对；登记的号码已更换的，请拨打供热热线或联系网格员更新。"


def _digest(code: str, salt: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{salt}:{code}".encode(), hashlib.sha256).hexdigest()


def request_code(*, account: str, phone: str, client: str = "") -> LoginCode:
    """Send a 6-digit code to ``phone`` if it is the registered mobile of the household ``account``.
    Refused (the same words for both) when the 户号 is unknown or the phone is not its registered one;
    PhoneInvalid for a malformed number. Older unused codes of the household are retired. The message goes
    out through the configured SMS backend after the row is committed."""
    account = (account or "").strip()
    if not account:
        raise IdentifyRefused("请填写户号")
    if len(account) > 40:
        raise IdentifyRefused("户号不超过40个字符")
    phone = checked_mobile(phone)
    household = Household.objects.filter(account=account).first()
    if household is None or digits(household.phone) != phone:
        raise IdentifyRefused(NO_MATCH)
    code = f"{secrets.randbelow(10**6):06d}"
    salt = secrets.token_hex(8)
    now = timezone.now()
    with transaction.atomic():
        LoginCode.objects.filter(household=household, used_at__isnull=True, retired=False).update(
            retired=True
        )
        row = LoginCode.objects.create(
            household=household, code_hash=_digest(code, salt), salt=salt, created_at=now,
            expires_at=now + timedelta(minutes=settings.RESIDENT_CODE_MINUTES), client=client[:64],
        )  # fmt: skip
        audit.record(
            actor=None,
            action="resident.code_sent",
            obj=household,
            summary=f"验证码已发送至 {mask_phone(phone)}",
        )
    minutes = settings.RESIDENT_CODE_MINUTES
    sms.backend().send(phone=phone, text=f"【问暖】您的验证码是{code}，{minutes}分钟内有效。请勿告诉他人。")
    return row


def verify_code(*, code_id: int, code: str) -> Household:
    """The household whose code ``code_id`` is ``code``; the code is then used up. CodeRefused when it
    is unknown, retired, used, expired, out of attempts or wrong (each wrong try counts and says how many
    are left)."""
    code = (code or "").strip()
    if not code:
        raise CodeRefused("请填写验证码")
    now = timezone.now()
    with transaction.atomic():
        row = LoginCode.objects.select_for_update().select_related("household").filter(pk=code_id).first()
        refusal = _refusal(row, now)
        if refusal is None and not hmac.compare_digest(_digest(code, row.salt), row.code_hash):
            row.attempts += 1
            row.save(update_fields=["attempts"])
            left = settings.RESIDENT_CODE_ATTEMPTS - row.attempts
            refusal = f"验证码错误，还可尝试{left}次" if left > 0 else "验证码错误次数过多，请重新获取"
            if left <= 0:
                audit.record(
                    actor=None, action="resident.code_locked", obj=row.household, summary="验证码错误次数过多"
                )
        if refusal is None:
            row.used_at = now
            row.save(update_fields=["used_at"])
            audit.record(actor=None, action="resident.identified", obj=row.household, summary="居民验证身份")
    if refusal is not None:  # outside the block, so a wrong try's count is kept
        raise CodeRefused(refusal)
    return row.household


def _refusal(row: LoginCode | None, now) -> str | None:
    if row is None or row.retired:
        return "验证码已失效，请重新获取"
    if row.used_at is not None:
        return "验证码已使用，请重新获取"
    if row.expires_at <= now:
        return "验证码已过期，请重新获取"
    if row.attempts >= settings.RESIDENT_CODE_ATTEMPTS:
        return "验证码错误次数过多，请重新获取"
    return None
