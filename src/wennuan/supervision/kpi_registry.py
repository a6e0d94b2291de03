"""The KPIs supervision itself contributes to the registry (core.kpi_registry): the case KPIs of
cases.kpis over the tallies, 办理时限, and (density.py, readings.py) those that need more than cases."""

from wennuan.cases import kpis as case_kpis
from wennuan.core.kpi_registry import KpiDef, Unit, all_kpis, get, known_keys, register

__all__ = ["KpiDef", "Unit", "all_kpis", "get", "known_keys", "register", "register_case_kpis"]

_LOWER_IS_BETTER = {"repeat_rate", "return_rate", "overdue_rate", "redo_rate", "spot_check_fail_rate"}


def register_case_kpis():
    register(
        KpiDef(
            "avg_handling_hours", "平均办理时长(小时)", Unit.HOURS, "lower", "handling_seconds", "resolved",
            scale=1 / 3600, source="cases", note="已办结工单自受理至办结的平均小时数", order=10,
        )
    )  # fmt: skip
    for i, k in enumerate(case_kpis.RATES):
        better = "lower" if k.key in _LOWER_IS_BETTER else "higher"
        register(
            KpiDef(
                k.key, k.label, Unit.RATE, better, k.numerator, k.denominator, source="cases", order=20 + i
            )
        )
