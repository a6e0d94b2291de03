"""The login throttle as an authentication backend (django-axes)."""

from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check for sign-ins that come with a request (the login page, the admin).

    ``authenticate()`` without a request — a management command, the test client's ``login()`` — is not
    a client that could be throttled; axes would refuse it outright, so it passes on to the next backend."""

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
