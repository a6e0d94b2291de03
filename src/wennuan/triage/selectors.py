"""What of a triage answer a user may read: places are public, a household's 户号 and id only within scope."""

from wennuan.registry.models import Household


def withhold_out_of_scope(user, items: list[dict]) -> list[dict]:
    """Blank ``account`` (and ``household_id``) in ``items`` (results, candidates, suggestions) where the
    household is not visible to ``user``. One query for all of them; returns the same list."""
    accounts = {i["account"] for i in items if i.get("account")}
    visible = set(
        Household.objects.visible_to(user).filter(account__in=accounts).values_list("account", flat=True)
    )
    for item in items:
        if item.get("account") and item["account"] not in visible:
            item["account"] = None
            if "household_id" in item:
                item["household_id"] = None
    return items
