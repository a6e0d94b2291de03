"""The breach rule has one home (services.supervision.BREACH_RULES): the sweep's query and the check on a
case in hand agree on every combination of deadlines passed and steps done."""

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from wennuan.cases.models import Case
from wennuan.cases.services.supervision import BREACH_RULES, breach_q, breached_dues

from .factories import new_case

FIELDS = sorted({name for _, due, met, running in BREACH_RULES for name in (due, met, running) if name})
# each field: unset, in the past, or in the future (relative to the moment checked)
WHEN = st.sampled_from([None, -1, 1])


@pytest.mark.django_db
@settings(max_examples=60, deadline=None)
@given(st.fixed_dictionaries({name: WHEN for name in FIELDS}))
def test_the_sweeps_query_and_the_check_on_a_case_agree(when):
    now = timezone.now()
    case = new_case()
    values = {name: None if w is None else now + timedelta(hours=w) for name, w in when.items()}
    Case.objects.filter(pk=case.pk).update(**values)
    case.refresh_from_db()
    in_query = Case.objects.filter(breach_q(now), pk=case.pk).exists()
    assert in_query == bool(breached_dues(case, now)), values
    Case.objects.filter(pk=case.pk).delete()
