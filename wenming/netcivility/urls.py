from django.urls import path

from .views import survey

app_name = "netcivility"
urlpatterns = [
    path("survey/", survey.current, name="current"),
    path("survey/<int:pk>/", survey.survey, name="survey"),
    path("survey/<int:pk>/live/", survey.live, name="live"),
    path("console/", survey.console, name="console"),
    path("console/<int:pk>/export.xlsx", survey.export, name="export"),
    path("console/<int:pk>/<str:verb>/", survey.change_status, name="change_status"),
]
