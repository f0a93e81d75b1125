from django.shortcuts import render

from wenming.people.permissions import scope_units

from .nav import home_tiles


def home(request):
    staff_link = request.user.is_authenticated and scope_units(request.user, "view_unit").exists()
    return render(request, "home.html", {"tiles": home_tiles(), "staff_link": staff_link})
