from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("roster/", views.roster_page, name="roster"),
    path("roster.xlsx", views.roster_download, name="roster_download"),
]
