from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("tandem.programs.urls")),
    path("", include("tandem.people.urls")),
    path("", include("tandem.applications.urls")),
    path("", include("tandem.core.urls")),
    path("", include("tandem.mentoring.urls")),
    path("", include("tandem.events.urls")),
    path("", include("tandem.surveys.urls")),
    path("", include("tandem.certificates.urls")),
    path("", include("tandem.reports.urls")),
    path("", include("tandem.matching.urls")),
    path("", include("tandem.privacy.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "tandem.core.views.server_error"
