from django.urls import path, re_path

from . import views

app_name = "assessment"
urlpatterns = [
    path("console/", views.console, name="console"),
    re_path(r"^console/(?P<slug>[-\w]+)/(?P<month>\d{4}-\d{2})\.(?P<fmt>xlsx|pdf)$", views.live_file, name="live_file"),
    path("publish/", views.publish, name="publish"),
    path("bulletins/<int:pk>/", views.bulletin_detail, name="bulletin"),
    re_path(r"^bulletins/(?P<pk>\d+)\.(?P<fmt>xlsx|pdf)$", views.bulletin_file, name="bulletin_file"),
    path("units/<int:unit_id>/", views.unit_rank, name="unit_rank"),
    path("my/", views.my_standing, name="my"),
    path("<slug:slug>/report/", views.report, name="report"),
    path("<slug:slug>/score/", views.score, name="score"),
]
