from django.shortcuts import render

from .nav import home_tiles, may_enter_console


def home(request):
    return render(request, "home.html", {"tiles": home_tiles(), "staff_link": may_enter_console(request.user)})
