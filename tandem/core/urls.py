from django.urls import path

from tandem.core import views

app_name = "core"

urlpatterns = [
    path("healthz", views.Healthz.as_view(), name="healthz"),
    path("e/<slug:edition>/audit/", views.AuditLog.as_view(), name="audit"),
]
