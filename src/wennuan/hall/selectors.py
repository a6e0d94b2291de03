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
