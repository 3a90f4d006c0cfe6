from django.urls import path

from tandem.reports import views

app_name = "reports"

P = "e/<slug:edition>/reports/"

urlpatterns = [
    path(f"{P}", views.EditionReport.as_view(), name="edition"),
    path(f"{P}pdf/", views.EditionReportPdf.as_view(), name="pdf"),
    path(
        f"{P}export/<str:table>/<str:fmt>/",
        views.ReportExport.as_view(),
        name="export",
    ),
]
