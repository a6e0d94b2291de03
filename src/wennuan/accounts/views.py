from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def home(request):
    """Each role's home page; apps add their panels through the navigation registry for now."""
    return render(request, "accounts/home.html", {})
