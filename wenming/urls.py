from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from wenming.core import views as core_views
from wenming.core.csp import csp_report
from wenming.orgs import views as orgs_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("csp-report/", csp_report, name="csp_report"),
    path("admin/", admin.site.urls),
    path("console/", orgs_views.console, name="console"),
    path("accounts/", include("wenming.people.urls")),
    path("participation/", include("wenming.participation.urls")),
    path("media/", include("wenming.media.urls")),
    path("points/", include("wenming.points.urls")),
    path("assessment/", include("wenming.assessment.urls")),
    path("honors/", include("wenming.honors.urls")),
    path("wechat/", include("wenming.wechat.urls")),
    path("netcivility/", include("wenming.netcivility.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
