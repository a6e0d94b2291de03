"""Reads of the hall, each starting from ``visible_to(user)``: accounts, payments, imports (subsidies and
applications: ``subsidy_status``, ``applications`` below)."""

from dataclasses import dataclass

from wennuan.core.scope import scope_of
from wennuan.registry.models import Household
from wennuan.rules.models import Season
from wennuan.rules.selectors import current_or_next_season, seasons

from .models import AccountStatement, Payment, PaymentImport, yuan
from .statements import statement_for


def household_season(household, season_id: int | None = None) -> Season | None:
    """The household's city's season ``season_id`` (None: the current or next one)."""
    city_id = household.station.company.city_id
    if season_id is None:
        return current_or_next_season(city=city_id)
    return seasons(city=city_id).filter(pk=season_id).first()


def household_seasons(household):
    return seasons(city=household.station.company.city_id)


def account(*, user, household: Household, season: Season | None = None) -> AccountStatement | None:
    """The household's statement for ``season`` (default: current or next), computed now; None when the
    city has no season or no tariff. ``household`` comes from a scoped selector; checked again here."""
    if not Household.objects.visible_to(user).filter(pk=household.pk).exists():
        return None
    season = season or household_season(household)
    if season is None:
        return None
    return statement_for(household, season)


def payments(*, user, household: Household, season: Season | None = None):
    rows = Payment.objects.visible_to(user).filter(household=household).select_related("season", "batch")
    if season is not None:
        rows = rows.filter(season=season)
    return rows.order_by("-paid_on", "-id")


def imports(*, user):
    """Payment imports: every one for city-wide roles, one's own otherwise."""
    rows = PaymentImport.objects.select_related("by")
    if not scope_of(user).is_all:
        rows = rows.filter(by=user)
    return rows.order_by("-at", "-id")


def statements(*, user, season: Season, arrears_only: bool = False):
    """The stored statements of a season in the user's scope, largest arrears first."""
    rows = (
        AccountStatement.objects.visible_to(user)
        .filter(season=season)
        .select_related("household__unit__building__estate", "company")
    )
    if arrears_only:
        rows = rows.filter(arrears_cents__gt=0)
    return rows.order_by("-arrears_cents", "household__account")


@dataclass(frozen=True)
class Totals:
    households: int
    fee_cents: int
    paid_cents: int
    arrears_cents: int
    suspended: int

    fee = property(lambda self: yuan(self.fee_cents))
    paid = property(lambda self: yuan(self.paid_cents))
    arrears = property(lambda self: yuan(self.arrears_cents))


def statement_totals(rows) -> Totals:
    from django.db.models import Count, Q, Sum

    t = rows.order_by().aggregate(
        households=Count("id"), fee=Sum("fee_cents"), paid=Sum("paid_cents"), arrears=Sum("arrears_cents"),
        suspended=Count("id", filter=Q(suspended=True)),
    )  # fmt: skip
    return Totals(t["households"], t["fee"] or 0, t["paid"] or 0, t["arrears"] or 0, t["suspended"])


# ---- subsidies ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SubsidyView:
    """A household's subsidy for a season, as an agent reads it out (「补贴一直没发」)."""

    state: str  # a SubsidyStatus code, or "none"
    label: str  # 待审核 / 已审核待发放 / 已发放 / 未通过 / 未登记
    summary: str  # one sentence
    overdue_days: int  # approved and past its pay-by date, not paid
    subsidy: object = None  # the Subsidy row, or None
    season: object = None

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0


def _day(d) -> str:
    return f"{d.month}月{d.day}日" if d else "—"


def subsidy_status(*, user, household: Household, season: Season | None = None) -> SubsidyView | None:
    """The household's subsidy status for ``season`` (default: current or next); None outside the user's
    scope or without a season. Used by the account page, the case page and the agent's intake panel."""
    from django.utils import timezone

    from .city_rules import subsidy_rules
    from .enums import REGISTRY_GROUPS, SubsidyGroup, SubsidyStatus
    from .models import Subsidy

    season = season or household_season(household)
    if season is None:
        return None
    row = (
        Subsidy.objects.visible_to(user)
        .filter(household=household, season=season)
        .select_related("rule")
        .first()
    )
    if row is None:
        if not Household.objects.visible_to(user).filter(pk=household.pk).exists():
            return None
        rules = subsidy_rules(city_id=season.city_id, on=season.starts_on)
        covered = [
            SubsidyGroup(g).label
            for g in household.priority_group_list
            if g in rules and g in REGISTRY_GROUPS
        ]
        if covered:
            text = f"台账登记为{'、'.join(covered)}，属{season.name}供暖季补贴对象，但尚未认定（请社区或街道认定）。"
        else:
            text = f"本户不在{season.name}供暖季补贴名单中；如属低保、特困、优抚等对象，请社区核实后登记。"
        return SubsidyView("none", "未登记", text, 0, None, season)
    group = row.get_group_display()
    today = timezone.localdate()
    overdue = 0
    if row.status == SubsidyStatus.ENTITLED:
        text = (
            f"{group}采暖补贴{row.amount}元：已认定（{_day(timezone.localdate(row.entitled_at))}），待审核。"
        )
    elif row.status == SubsidyStatus.APPROVED:
        overdue = max((today - row.pay_by).days, 0) if row.pay_by else 0
        text = f"{group}采暖补贴{row.amount}元：已于{_day(timezone.localdate(row.approved_at))}审核，应于{_day(row.pay_by)}前发放"
        text += f"，已逾期{overdue}天未发放。" if overdue else "，尚未发放。"
    elif row.status == SubsidyStatus.PAID:
        text = f"{group}采暖补贴{row.amount}元：已于{_day(row.paid_on)}发放。"
    else:
        text = f"{group}采暖补贴未通过：{row.rejected_reason}"
    return SubsidyView(row.status, row.get_status_display(), text, overdue, row, season)


def subsidies(*, user, season: Season | None = None, status: str = ""):
    """Subsidies in the user's scope (the approval list), oldest entitlement first."""
    from .models import Subsidy

    rows = Subsidy.objects.visible_to(user).select_related(
        "household__unit__building__estate", "season", "rule"
    )
    if season is not None:
        rows = rows.filter(season=season)
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("entitled_at", "id")


def subsidy_for(*, user, pk: int):
    from .models import Subsidy

    return Subsidy.objects.visible_to(user).select_related("household", "season").filter(pk=pk).first()


# ---- 报停 / 开栓 ----------------------------------------------------------------------------------------


def applications(*, user, status: str = "", kind: str = ""):
    """报停/开栓 applications in the user's scope: pending first, the oldest answer deadline first."""
    from django.db.models import Case, IntegerField, Value, When

    from .models import HeatApplication

    rows = HeatApplication.objects.visible_to(user).select_related(
        "household__unit__building__estate",
        "household__station__company",
        "season",
        "work_order",
        "decided_by",
    )
    if status:
        rows = rows.filter(status=status)
    if kind:
        rows = rows.filter(kind=kind)
    pending_first = Case(When(status="pending", then=Value(0)), default=Value(1), output_field=IntegerField())
    return rows.order_by(pending_first, "answer_due", "-id")


def application_for(*, user, pk: int):
    return applications(user=user).filter(pk=pk).first()


def household_applications(*, user, household: Household):
    return applications(user=user).filter(household=household).order_by("-applied_at", "-id")


@dataclass(frozen=True)
class HouseholdHall:
    """What an agent needs at once about a household (the intake's assist panel, the case page): this
    season's account, subsidy status and open 报停/开栓 applications."""

    household: Household
    season: Season | None
    statement: AccountStatement | None
    subsidy: SubsidyView | None
    open_applications: list


def household_summary(*, user, household: Household) -> HouseholdHall | None:
    """None when the household is outside the user's scope."""
    if not Household.objects.visible_to(user).filter(pk=household.pk).exists():
        return None
    season = household_season(household)
    return HouseholdHall(
        household=household,
        season=season,
        statement=statement_for(household, season) if season else None,
        subsidy=subsidy_status(user=user, household=household, season=season) if season else None,
        open_applications=list(
            household_applications(user=user, household=household).filter(status="pending")
        ),
    )
