from django.urls import path

from . import console, views

app_name = "briefings"
urlpatterns = [
    path("submit/", views.submit, name="submit"),
    path("mine/", views.mine, name="mine"),
    path("mine/<int:pk>/", views.piece, name="piece"),
    path("my-unit/", views.my_unit, name="my_unit"),
    path("issue/<int:pk>/file.<str:ext>", views.issue_file, name="issue_file"),
    path("console/", console.console, name="console"),
    path("console/manuscript/<int:pk>/", console.manuscript, name="console_manuscript"),
    path("console/manuscript/<int:pk>/<str:verb>/", console.manuscript_act, name="manuscript_act"),
    path("console/issue/new/", console.issue_create, name="issue_create"),
    path("console/issue/<int:pk>/", console.issue, name="console_issue"),
    path("console/issue/<int:pk>/<str:verb>/", console.issue_act, name="issue_act"),
    path("console/issue/<int:pk>/<str:verb>/<int:adoption>/", console.issue_act, name="placement_act"),
    path("console/stats/", console.stats, name="stats"),
    path("console/stats.xlsx", console.stats_xlsx, name="stats_xlsx"),
]
