from django.urls import path

from . import views

app_name = "points"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("rules/", views.how_to_earn, name="how_to_earn"),
    path("leaderboard/", views.leaderboard, name="leaderboard"),
    path("units/", views.staff_units, name="staff_units"),
    path("units/<int:unit_id>/", views.staff_unit, name="staff_unit"),
    path("redeem/", views.catalogue, name="catalogue"),
    path("redeem/<int:item_id>/", views.order, name="order"),
    path("orders/", views.orders, name="orders"),
    path("orders/<int:order_id>/fulfil/", views.fulfil, name="fulfil"),
    path("orders/<int:order_id>/cancel/", views.cancel, name="cancel"),
]
