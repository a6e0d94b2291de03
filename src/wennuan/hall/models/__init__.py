"""The hall (网上营业厅): heating accounts and payments, subsidies, 报停/开栓 applications, their city rules."""

from .account import AccountStatement, Payment, PaymentImport, yuan
from .application import HeatApplication
from .rules import SubsidyRule, SuspensionRule
from .subsidy import Subsidy

__all__ = [
    "AccountStatement",
    "HeatApplication",
    "Payment",
    "PaymentImport",
    "Subsidy",
    "SubsidyRule",
    "SuspensionRule",
    "yuan",
]
