from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("login/verify/", views.otp_verify, name="otp_verify"),
    path("two-factor/", views.otp_enrol, name="otp_enrol"),
    path("me/", views.me, name="me"),
    path("me/group/", views.choose_group, name="choose_group"),
    path("me/group/<int:unit_id>/", views.choose_group_submit, name="choose_group_submit"),
]
