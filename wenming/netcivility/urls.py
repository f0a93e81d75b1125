from django.urls import path

from .views import prompts, quotas, registry, survey

app_name = "netcivility"
urlpatterns = [
    path("survey/", survey.current, name="current"),
    path("survey/<int:pk>/", survey.survey, name="survey"),
    path("survey/<int:pk>/live/", survey.live, name="live"),
    path("console/", survey.console, name="console"),
    path("console/<int:pk>/export.xlsx", survey.export, name="export"),
    path("console/<int:pk>/<str:verb>/", survey.change_status, name="change_status"),
    # the teams' registry (staff)
    path("teams/", registry.roster, name="roster"),
    path("teams/<int:pk>/", registry.county, name="county"),
    path("teams/<int:pk>/file/", registry.file_roster, name="file_roster"),
    path("teams/<int:pk>/import/", registry.import_roster, name="import_roster"),
    path("teams/<int:pk>/roster.xlsx", registry.export, name="roster_export"),
    path("teams/<int:pk>/member/<int:member_pk>/remove/", registry.remove, name="remove_member"),
    # work prompts (staff)
    path("prompts/", prompts.prompts, name="prompts"),
    path("prompts/<int:pk>/", prompts.prompt, name="prompt"),
    path("prompts/<int:pk>/chase/", prompts.chase, name="chase"),
    path("prompts/<int:pk>/close/", prompts.close, name="close_prompt"),
    path("prompts/<int:pk>/completion.xlsx", prompts.export, name="prompt_export"),
    # quotas (staff)
    path("compliance/", quotas.compliance, name="compliance"),
    path("compliance.xlsx", quotas.compliance_export, name="compliance_export"),
    # members' phone pages
    path("me/prompts/", prompts.my_prompts, name="my_prompts"),
    path("me/prompts/<int:pk>/", prompts.my_prompt, name="my_prompt"),
    path("me/post/", quotas.submit_post, name="submit_post"),
    path("me/article/", quotas.submit_article, name="submit_article"),
    path("me/record/", quotas.my_record, name="my_record"),
]
