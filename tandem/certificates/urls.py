from django.urls import path

from tandem.certificates import views

app_name = "certificates"

P = "e/<slug:edition>/certificates/"

urlpatterns = [
    path(f"{P}", views.CertificateList.as_view(), name="list"),
    path(f"{P}mine/", views.MyCertificates.as_view(), name="mine"),
    path(f"{P}issue/", views.CertificateIssue.as_view(), name="issue"),
    path(f"{P}bulk/", views.CertificateBulk.as_view(), name="bulk"),
    path(f"{P}jobs/<int:pk>/", views.IssueProgress.as_view(), name="job"),
    path(f"{P}settings/", views.TemplateEdit.as_view(), name="settings"),
    path(f"{P}settings/rule/", views.RuleEdit.as_view(), name="rule"),
    path(f"{P}settings/images/", views.ImageAdd.as_view(), name="image_add"),
    path(
        f"{P}settings/images/<int:pk>/remove/",
        views.ImageRemove.as_view(),
        name="image_remove",
    ),
    path(f"{P}<str:code>/pdf/", views.CertificateDownload.as_view(), name="pdf"),
    path(f"{P}<str:code>/revoke/", views.CertificateRevoke.as_view(), name="revoke"),
    path("verify/<str:code>/", views.CertificateVerify.as_view(), name="verify"),
]
