"""The project's URLs plus views that fail the way a lost database or a bug does (test_unavailable)."""

from django.db import OperationalError
from django.urls import path

from wennuan.urls import handler500, urlpatterns  # noqa: F401 - handler500 is read from this module


def _database_gone(request):
    raise OperationalError("server closed the connection unexpectedly")


def _bug(request):
    raise ZeroDivisionError("a plain bug")


urlpatterns = [
    path("test-db-gone/", _database_gone),
    path("api/test-db-gone/", _database_gone),
    path("test-bug/", _bug),
    *urlpatterns,
]
