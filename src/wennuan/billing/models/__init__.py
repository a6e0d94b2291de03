"""Billing: a city's tariffs and refund rules (dated), dispute measurements, the refund ledger."""

from .city_rules import MeasurementMethod, RefundBand, RefundRule, Tariff
from .ledger import EstateReduction, RefundEntry
from .measurement import Measurement, MeasurementRoom

__all__ = [
    "EstateReduction",
    "Measurement",
    "MeasurementMethod",
    "MeasurementRoom",
    "RefundBand",
    "RefundEntry",
    "RefundRule",
    "Tariff",
]
