from django.urls import path

from . import views

app_name = "honors"
urlpatterns = [
    path("", views.campaigns, name="campaigns"),
    path("campaigns/<int:pk>/vote/", views.vote_page, name="vote_page"),
    path("campaigns/<int:pk>/nominate/", views.nominate, name="nominate"),
    path("candidates/<int:pk>/vote/", views.vote, name="vote"),
    path("api/votes/", views.api_vote, name="api_vote"),
    path("mine/", views.mine, name="mine"),
    path("mine/<int:pk>/resubmit/", views.resubmit, name="resubmit"),
    path("notices/<int:pk>/", views.notice, name="notice"),
    path("results/<int:pk>/", views.result, name="result"),
    path("phone/", views.phone, name="phone"),
    path("expert/", views.expert_rounds, name="expert_rounds"),
    path("expert/rounds/<int:pk>/", views.expert_round, name="expert_round"),
    path("console/", views.console, name="console"),
    path("console/campaigns/new/", views.campaign_new, name="campaign_new"),
    path("console/campaigns/<int:pk>/", views.console_campaign, name="console_campaign"),
    path("console/campaigns/<int:pk>/settings/", views.campaign_settings, name="campaign_settings"),
    path("console/campaigns/<int:pk>/rounds/", views.rounds, name="rounds"),
    path("console/campaigns/<int:pk>/fraud/", views.fraud, name="fraud"),
    path("console/campaigns/<int:pk>/fraud/void/", views.void, name="void"),
    path("console/campaigns/<int:pk>/results/", views.results_console, name="results_console"),
    path("console/nominations/<int:pk>/", views.console_nomination, name="console_nomination"),
    path("console/nominations/<int:pk>/review/", views.review, name="review"),
    path("console/nominations/<int:pk>/forward/", views.forward, name="forward"),
    path("console/nominations/<int:pk>/check/", views.check, name="check"),
    path("console/objections/<int:pk>/resolve/", views.resolve, name="resolve"),
    path("console/rounds/<int:pk>/", views.round_detail, name="round"),
    path("console/regions/", views.regions, name="regions"),
    path("console/experts/", views.experts, name="experts"),
    path("console/experts/new/", views.expert_new, name="expert_new"),
    path("console/experts/<int:pk>/", views.expert_edit, name="expert_edit"),
    path(
        "console/experts/<int:pk>/deactivate/",
        views.expert_set_active,
        {"active": False},
        name="expert_deactivate",
    ),
    path(
        "console/experts/<int:pk>/reactivate/",
        views.expert_set_active,
        {"active": True},
        name="expert_reactivate",
    ),
]
