"""The forecast from a city's own database: its heating complaints per day with its observed weather, a
refit that forecasts the days it has a weather forecast for, staffing from what its people were observed
to handle, the nightly sweep, the page and the API."""

import io
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from wennuan.accounts.tests.factories import UserFactory
from wennuan.cases.enums import Channel
from wennuan.cases.models import Case, CaseEvent
from wennuan.core.audit import AuditLog
from wennuan.core.categories import Category
from wennuan.core.roles import Role
from wennuan.registry.tests.factories import StationFactory
from wennuan.rules.models import Season
from wennuan.surge import selectors, services, synthetic
from wennuan.surge.days_csv import BadDaysFile
from wennuan.surge.enums import WeatherKind
from wennuan.surge.models import SurgeFit, WeatherDay
from wennuan.surge.sweep import nightly_refit

pytestmark = pytest.mark.django_db
TODAY = date(2025, 12, 20)


def _csv(rows, header="date,outdoor_c"):
    return (header + "\n" + "\n".join(",".join(map(str, r)) for r in rows) + "\n").encode()


@pytest.fixture
def city():
    """A city with last season's complaints and weather in the database (a tenth of a big city's calls)."""
    station = StationFactory()
    company, city = station.company, station.company.city
    Season.objects.filter(city=city).delete()
    for y in (2024, 2025):
        Season.objects.create(
            city=city, name=f"{y}-{y + 1}", starts_on=date(y, 11, 1), ends_on=date(y + 1, 3, 31)
        )
    days = synthetic.city_history(1, seed=3, level=6.0)
    shifted = [(d.day.replace(year=d.day.year + 4), d.outdoor_c, d.calls) for d in days]  # 2024-11 … 2025-03
    WeatherDay.objects.bulk_create(
        WeatherDay(city=city, day=d, kind=WeatherKind.OBSERVED, outdoor_c=round(t, 1)) for d, t, _ in shifted
    )
    tz = timezone.get_current_timezone()
    Case.objects.bulk_create(
        Case(
            channel=Channel.HOTLINE_12345,
            text="暖气不热",
            category=Category.NOT_WARM,
            company=company,
            station=station,
            received_at=datetime(d.year, d.month, d.day, 9 + k % 12, tzinfo=tz),
        )
        for d, _, n in shifted
        for k in range(n)
    )
    Case.objects.bulk_create(  # not a heating complaint: not counted
        [Case(channel=Channel.HOTLINE_12345, text="发票", category=Category.BILLING, company=company,
              received_at=datetime(2024, 12, 1, 10, tzinfo=tz))]
    )  # fmt: skip
    city.expected = {d: n for d, _, n in shifted}
    return city


def test_history_counts_the_citys_heating_complaints_per_day_of_its_seasons(city):
    history = selectors.daily_history(city, before=TODAY)
    assert len(history) == 151
    assert {d.day: d.calls for d in history} == city.expected


@time_machine.travel(datetime(2025, 12, 20, 8, 0), tick=False)
def test_refit_forecasts_the_days_with_a_weather_forecast_and_suggests_staff(city):
    supervisor = UserFactory(role=Role.SUPERVISOR)
    n = services.import_weather(
        city=city, stream=_csv([("2025-12-20", -6), ("2025-12-21", -18.5), ("2025-12-22", -21)]),
        name="w.csv", kind=WeatherKind.FORECAST, by=supervisor,
    )  # fmt: skip
    assert n == 3
    fit = services.refit(city=city, by=supervisor)
    assert fit.history_days == 151
    assert [f["day"] for f in fit.forecast] == ["2025-12-20", "2025-12-21", "2025-12-22"]
    calls = [f["calls"] for f in fit.forecast]
    assert 3 <= calls[0] < calls[1] < calls[2] < 200  # colder, and the days after a drop: more
    assert set(fit.forecast[0]["agents"]) == {"早班 08–16", "中班 16–24", "夜班 00–08"}
    assert fit.staffing["notes"]  # no agent or crew has been observed in this city: defaults said
    assert AuditLog.objects.filter(action="surge.refit").exists()
    assert AuditLog.objects.filter(action="surge.weather_import", actor=supervisor).exists()


@time_machine.travel(datetime(2025, 12, 20, 8, 0), tick=False)
def test_staffing_follows_what_agents_were_observed_to_take(city):
    agent = UserFactory(role=Role.HOTLINE_AGENT)
    recent = list(
        Case.objects.filter(received_at__gte=datetime(2025, 3, 1, tzinfo=timezone.get_current_timezone()))
    )
    assert recent
    # Move some cases into the last 60 days, each received by the agent at 10:xx on one of two days.
    tz = timezone.get_current_timezone()
    for i, case in enumerate(recent[:30]):
        case.received_at = datetime(2025, 12, 1 + i % 2, 10, i, tzinfo=tz)
        case.save(update_fields=["received_at"])
        CaseEvent.objects.create(case=case, at=case.received_at, actor=agent, action="receive")
    productivity, notes = selectors.productivity(city)
    assert productivity.cases_per_agent_hour == 15.0  # 30 cases in two agent-hours
    assert productivity.shift_share["早班 08–16"] == 1.0
    assert not any("坐席" in n for n in notes)


def test_a_bad_weather_file_stores_nothing_and_names_the_rows(city):
    with pytest.raises(BadDaysFile) as err:
        services.import_weather(
            city=city, stream=_csv([("2025-12-20", -6), ("2025-12-21", "inf"), ("x", 1)]),
            name="w.csv", kind=WeatherKind.FORECAST, by=None,
        )  # fmt: skip
    assert "第3行" in str(err.value) and "第4行" in str(err.value)
    assert not WeatherDay.objects.filter(kind=WeatherKind.FORECAST).exists()


def test_a_new_city_without_history_is_not_fitted(city):
    from wennuan.registry.models import City

    assert services.refit(city=City.objects.create(name="新建市")) is None


@time_machine.travel(datetime(2025, 12, 20, 1, 0), tick=False)
def test_the_nightly_sweep_fits_once_a_day(city):
    assert nightly_refit()["fitted"] >= 1
    assert nightly_refit()["fitted"] == 0
    assert SurgeFit.objects.filter(city=city).count() == 1


def fake_source(city_name, start, days):
    ASKED.append(city_name)
    return [(start + timedelta(days=i), -10.0 - 5 * i) for i in range(days)]


ASKED = []


@time_machine.travel(datetime(2025, 12, 20, 1, 0), tick=False)
def test_a_city_too_new_to_fit_asks_the_weather_service_once_a_day(city, settings):
    from wennuan.registry.models import City

    settings.SURGE_WEATHER_SOURCE = "wennuan.surge.tests.test_services.fake_source"
    City.objects.create(name="新建市")
    ASKED.clear()
    assert nightly_refit() == {"fitted": 1, "too_short": 1}
    assert nightly_refit() == {"fitted": 0, "too_short": 0}
    assert sorted(ASKED) == sorted([city.name, "新建市"])
    with time_machine.travel(datetime(2025, 12, 21, 1, 0), tick=False):
        assert nightly_refit() == {"fitted": 1, "too_short": 1}


@time_machine.travel(datetime(2025, 12, 20, 1, 0), tick=False)
def test_a_weather_service_is_pluggable(city, settings):
    settings.SURGE_WEATHER_SOURCE = "wennuan.surge.tests.test_services.fake_source"
    lines = services.refit_all()
    assert any("取预报 3 天" in line for line in lines)
    fit = selectors.latest_fit(city)
    assert [f["outdoor_c"] for f in fit.forecast] == [-10.0, -15.0, -20.0]


@time_machine.travel(datetime(2025, 12, 20, 8, 0), tick=False)
def test_page_and_api_for_the_city_wide_roles_only(city, client):
    services.import_weather(city=city, stream=_csv([("2025-12-21", -12)]), name="w", kind="forecast", by=None)
    services.refit(city=city)
    client.force_login(UserFactory(role=Role.SUPERVISOR))
    page = client.get("/surge/").content.decode()
    assert "2025-12-21" in page and "周日（对周一）" in page
    api = client.get("/api/v1/surge/forecast").json()
    assert api[0]["days"][0]["day"] == "2025-12-21" and api[0]["history_days"] == 151
    client.force_login(UserFactory(role=Role.STATION_CREW, station=city.companies.first().stations.first()))
    assert client.get("/surge/").status_code == 403
    assert client.get("/api/v1/surge/forecast").status_code == 403


def test_the_supervisor_uploads_weather_on_the_page(city, client):
    client.force_login(UserFactory(role=Role.SUPERVISOR))
    upload = io.BytesIO(_csv([("2025-12-21", -12)]))
    upload.name = "forecast.csv"
    r = client.post("/surge/weather/", {"city": city.pk, "kind": "forecast", "file": upload}, follow=True)
    assert "已导入" in r.content.decode()
    assert WeatherDay.objects.filter(city=city, kind="forecast").count() == 1


@time_machine.travel(datetime(2025, 12, 20, 8, 0), tick=False)
def test_imported_12345_statistics_win_over_counted_cases(city):
    services.import_history(
        city=city, stream=_csv([("2024-12-01", -9, 4321)], header="date,outdoor_c,calls"), name="h", by=None
    )
    history = {d.day: d.calls for d in selectors.daily_history(city)}
    assert history[date(2024, 12, 1)] == 4321
    assert history[date(2024, 12, 2)] == city.expected[date(2024, 12, 2)]


@time_machine.travel(datetime(2026, 12, 10, 8, 0), tick=False)
def test_the_demo_city_gets_a_forecast():
    from wennuan.registry.models import City
    from wennuan.surge.demo import seed

    City.objects.create(name="演示市")
    assert "预测 3 天" in seed()
    assert seed() == ""  # once


@time_machine.travel(datetime(2025, 12, 20, 8, 0), tick=False)
def test_the_dashboard_shows_the_next_days_at_city_scope(city, client):
    services.import_weather(city=city, stream=_csv([("2025-12-21", -12)]), name="w", kind="forecast", by=None)
    services.refit(city=city)
    client.force_login(UserFactory(role=Role.SUPERVISOR))
    page = client.get("/supervision/").content.decode()
    assert 'data-panel="surge"' in page and "2025-12-21" in page
    client.force_login(UserFactory(role=Role.DISPATCHER, company=city.companies.first()))
    assert 'data-panel="surge"' not in client.get("/supervision/").content.decode()
