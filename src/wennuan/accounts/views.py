from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from wennuan.core.navigation import home_panels_for


@login_required
def home(request):
    """Each role's home page: the panels apps registered for that role (core.navigation)."""
    panels = [(p.template, p.context(request)) for p in home_panels_for(request.user)]
    return render(request, "accounts/home.html", {"panels": panels})
