from django.contrib import admin
from django.urls import include, path

from wenming.core import files as core_files
from wenming.core import views as core_views
from wenming.core.csp import csp_report
from wenming.people import views as people_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("csp-report/", csp_report, name="csp_report"),
    path("admin/", admin.site.urls),
    path("console/", people_views.console, name="console"),
    path("accounts/", include("wenming.people.urls")),
    path("orgs/", include("wenming.orgs.urls")),
    path("participation/", include("wenming.participation.urls")),
    path("media/", include("wenming.media.urls")),
    path("points/", include("wenming.points.urls")),
    path("assessment/", include("wenming.assessment.urls")),
    path("honors/", include("wenming.honors.urls")),
    path("wechat/", include("wenming.wechat.urls")),
    path("netcivility/", include("wenming.netcivility.urls")),
    path("briefings/", include("wenming.briefings.urls")),
    path("volunteering/", include("wenming.volunteering.urls")),
    # Uploaded files, in development as in production: signed links only (docs/uploads.md).
    path("files/<str:token>/", core_files.serve, name="file"),
]
