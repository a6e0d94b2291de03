from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from wennuan.core.navigation import home_panels_for


@login_required
def home(request):
    """Each role's home page: the panels apps registered for that role (core.navigation)."""
    panels = [(p.template, p.context(request)) for p in home_panels_for(request.user)]
    return render(request, "accounts/home.html", {"panels": panels})


class LogoutView(auth_views.LogoutView):
    """Logout that also tells the browser to drop its cached pages (the field page's offline copy of
    today's list): grid workers share phones. Storage is kept on purpose: IndexedDB holds visits not yet
    synced, and losing a visit is worse than leaving it for the next sign-in to send."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache"'
        return response
