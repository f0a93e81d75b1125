from django.urls import path

from . import views

app_name = "netcivility"
urlpatterns = [
    path("survey/", views.current, name="current"),
    path("survey/<int:pk>/", views.survey, name="survey"),
    path("survey/<int:pk>/live/", views.live, name="live"),
    path("console/", views.console, name="console"),
    path("console/<int:pk>/export.xlsx", views.export, name="export"),
    path("console/<int:pk>/<str:verb>/", views.change_status, name="change_status"),
]
