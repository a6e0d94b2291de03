"""The season's account as the resident reads it: hall's statement (fee, paid, arrears, reductions, refund
owed, subsidy), the subsidy's state, and the household's 报停/开栓 applications. Everything is keyed by
the household of the resident session (hall's own selectors are scoped to staff users)."""

from dataclasses import dataclass

from wennuan.hall.models import AccountStatement, HeatApplication, Subsidy
from wennuan.hall.selectors import household_season
from wennuan.hall.services.applications import is_suspended
from wennuan.hall.statements import statement_for
from wennuan.registry.models import Household
from wennuan.rules.models import Season


@dataclass(frozen=True)
class ResidentAccount:
    season: Season | None
    statement: AccountStatement | None  # None when the city has no season or no tariff
    subsidy: Subsidy | None
    suspended: bool


def account_of(household: Household) -> ResidentAccount:
    season = household_season(household)
    if season is None:
        return ResidentAccount(None, None, None, False)
    return ResidentAccount(
        season=season,
        statement=statement_for(household, season),
        subsidy=Subsidy.objects.filter(household=household, season=season).first(),
        suspended=is_suspended(household, season),
    )


def applications_of(household: Household):
    return (
        HeatApplication.objects.filter(household=household)
        .select_related("season")
        .order_by("-applied_at", "-id")
    )
