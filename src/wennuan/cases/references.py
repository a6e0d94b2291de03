"""The number a resident is given for a complaint filed on a public page (the contact card's report page,
the self-service page): 'W' + 10 characters from an alphabet without 0/O and 1/I/L (31^10 ≈ 8·10^14), so it
reads out over the phone without mistakes and nobody learns how many cases there are or reaches another's by
counting. Stored as the case's ``external_id`` for its channel."""

import secrets

_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def public_reference() -> str:
    return "W" + "".join(secrets.choice(_ALPHABET) for _ in range(10))
