"""What the outages app tells the apps above it, without importing them (billing recomputes refunds)."""

from django.dispatch import Signal

# Sent inside restore_outage's transaction: ``outage`` (restored), ``by`` (who recorded it).
outage_restored = Signal()
