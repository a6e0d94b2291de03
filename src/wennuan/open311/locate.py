"""Where a GeoReport request is: lat/long to the nearest estate that has coordinates, address_id to a
building. Only estates carry coordinates in the registry, so "the nearest building" is found through its
estate: an estate with one building gives that building, else the estate's name goes to triage with
whatever address_string the client sent."""

import math

from wennuan.registry.models import Building, Estate

EARTH_RADIUS_M = 6_371_000


def metres_between(lat1: float, long1: float, lat2: float, long2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(long2 - long1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def nearest_estate(*, city_id: int, lat: float, long: float, within_m: int) -> Estate | None:
    """The estate of the city nearest to (lat, long), if one lies within ``within_m`` metres."""
    dlat = within_m / 111_000
    dlong = within_m / (111_000 * max(math.cos(math.radians(lat)), 0.01))
    candidates = Estate.objects.filter(
        district__city_id=city_id,
        latitude__range=(lat - dlat, lat + dlat),
        longitude__range=(long - dlong, long + dlong),
    ).only("id", "name", "latitude", "longitude")
    best, best_m = None, float(within_m)
    for estate in candidates:
        metres = metres_between(lat, long, estate.latitude, estate.longitude)
        if metres <= best_m:
            best, best_m = estate, metres
    return best


def building_address(building: Building) -> str:
    """小区 + 楼号: what triage matches a building by, and what GET answers show (never a room)."""
    return f"{building.estate.name}{building.label}"


def address_from_coordinates(*, city_id: int, lat: float, long: float, within_m: int) -> str:
    """The registry's words for the place at (lat, long) for triage: the building when its estate has
    only one, else the estate's name; "" when no estate with coordinates is near enough."""
    estate = nearest_estate(city_id=city_id, lat=lat, long=long, within_m=within_m)
    if estate is None:
        return ""
    buildings = list(Building.objects.filter(estate=estate).select_related("estate")[:2])
    if len(buildings) == 1:
        return building_address(buildings[0])
    return estate.name
