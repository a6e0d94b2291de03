from django import template

register = template.Library()


@register.filter
def pct(value):
    return "—" if value is None else f"{value * 100:.1f}%"


@register.filter
def kpi_value(kpi: dict, field: str = "value"):
    """A KPI's value as a supervisor reads it: a rate in %, hours, per 万㎡, or a count."""
    value = kpi.get(field)
    if value is None:
        return "—"
    unit = kpi.get("unit")
    if unit == "rate":
        return f"{value * 100:.1f}%"
    if unit == "hours":
        return f"{value:.1f} 小时"
    if unit == "per_10k_m2":
        return f"{value:.2f} 件/万㎡"
    return f"{value:,}"


@register.filter
def kpi(kpis: list, key: str):
    return next((k for k in kpis if k["key"] == key), None)
