from django.urls import path

from .views import console, mobile

app_name = "volunteering"

urlpatterns = [
    path("", mobile.projects, name="projects"),
    path("projects/<int:pk>/", mobile.project, name="project"),
    path("register/", mobile.register, name="register"),
    path("sessions/<int:pk>/sign-up/", mobile.sign_up, name="sign_up"),
    path("sessions/<int:pk>/check-in/", mobile.check_in, name="check_in"),
    path("signups/<int:pk>/cancel/", mobile.cancel, name="cancel"),
    path("me/", mobile.me, name="me"),
    path("me/signups/", mobile.my_signups, name="my_signups"),
    path("me/hours/", mobile.my_hours, name="my_hours"),
    path("me/teams/", mobile.my_teams, name="my_teams"),
    path("records/<int:pk>/dispute/", mobile.dispute, name="dispute"),
    path("console/", console.console, name="console"),
    path("console/orgs/new/", console.org_new, name="org_new"),
    path("console/teams/<int:pk>/", console.team, name="team"),
    path("console/teams/<int:pk>/projects/new/", console.project_new, name="project_new"),
    path("console/members/<int:pk>/<str:verdict>/", console.membership, name="membership"),
    path("console/projects/<int:pk>/", console.console_project, name="console_project"),
    path("console/sessions/<int:pk>/", console.console_session, name="console_session"),
    path("console/sessions/<int:pk>/code/", console.session_code, name="session_code"),
    path("console/sessions/<int:pk>/code.json", console.session_code_json, name="session_code_json"),
    path("console/sessions/<int:pk>/confirm/", console.confirm, name="confirm"),
    path("console/sessions/<int:pk>/backfill/", console.backfill, name="backfill"),
    path("console/signups/<int:pk>/<str:verdict>/", console.signup_decide, name="signup_decide"),
    path("console/approvals/", console.approvals, name="approvals"),
    path("console/approvals/<int:pk>/<str:day>/", console.approve_day, name="approve_day"),
    path("console/backfills/<int:pk>/approve/", console.approve_backfill, name="approve_backfill"),
    path("console/disputes/", console.disputes, name="disputes"),
    path("console/volunteers/<int:pk>/", console.volunteer, name="volunteer"),
    path("console/export/", console.export, name="export"),
    path("console/fields/", console.fields, name="fields"),
]
