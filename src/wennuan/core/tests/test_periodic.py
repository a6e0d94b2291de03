from io import StringIO

import pytest
from django.core.management import call_command

from wennuan.core import periodic


def test_one_failing_sweep_does_not_stop_the_others(monkeypatch):
    monkeypatch.setattr(periodic, "_SWEEPS", {})
    calls = []

    @periodic.register("broken")
    def broken():
        raise RuntimeError("boom")

    @periodic.register("fine")
    def fine():
        calls.append(1)
        return {"marked": 0}

    results = periodic.run_all()
    assert results["broken"] == {"error": "boom"}
    assert results["fine"] == {"marked": 0}
    assert calls == [1]


@pytest.mark.django_db
def test_tick_command_prints_what_each_sweep_did(monkeypatch):
    monkeypatch.setattr(periodic, "_SWEEPS", {"x": lambda: {"n": 1}})
    out = StringIO()
    call_command("tick", stdout=out)
    assert '"x": {"n": 1}' in out.getvalue()
