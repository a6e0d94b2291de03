"""What the intake form knows so far, for the assist panels: the household (by 户号, else where the
triage engine places the text and address), its building, the category the text reads as, and the
household's open cases. Scoped like every read: a household outside the agent's scope is withheld."""

from dataclasses import dataclass, field

from wennuan.core.errors import DomainError
from wennuan.registry.models import Building, Household

from . import routing, selectors
from .models import Case

# Open cases shown beside the form.
OPEN_CASES_SHOWN = 5


@dataclass
class IntakeContext:
    household: Household | None = None
    building: Building | None = None
    category: str | None = None
    triage_status: str = ""
    problem: str = ""  # why a 户号 typed was not used
    open_cases: list = field(default_factory=list)

    @property
    def place(self) -> str:
        """「幸福小区1号楼 1单元101」, the building alone, or ""."""
        if self.household is not None:
            return self.household.place
        return str(self.building) if self.building is not None else ""


def intake_context(*, user, text: str = "", address: str = "", account: str = "") -> IntakeContext:
    ctx = IntakeContext()
    text, address, account = (
        (text or "").strip()[:2000],
        (address or "").strip()[:200],
        (account or "").strip()[:40],
    )
    if account:
        try:
            ctx.household = selectors.intake_household(user=user, account=account)
        except DomainError as exc:
            ctx.problem = str(exc)
    if ctx.household is None and (text or address):
        route = routing.route_text(text=text, address=address)
        ctx.category, ctx.triage_status = route.category, route.triage_status
        if route.household is not None and selectors.household_in_scope(user=user, pk=route.household.pk):
            ctx.household = route.household
        elif (
            route.building is not None
            and Building.objects.visible_to(user).filter(pk=route.building.pk).exists()
        ):
            ctx.building = route.building
    elif text:
        ctx.category = routing.classify(text)
    if ctx.household is not None:
        ctx.household = (
            Household.objects.select_related(
                "unit__building__estate", "station__company", "grid__community__street__district"
            )
            .filter(pk=ctx.household.pk)
            .first()
        )
        ctx.building = ctx.household.unit.building
        ctx.open_cases = list(
            Case.objects.visible_to(user)
            .open()
            .filter(household=ctx.household)
            .order_by("-received_at")[:OPEN_CASES_SHOWN]
        )
    elif ctx.building is not None:
        ctx.open_cases = list(
            Case.objects.visible_to(user)
            .open()
            .filter(building=ctx.building)
            .order_by("-received_at")[:OPEN_CASES_SHOWN]
        )
    return ctx
