from django.urls import path

from tandem.applications.views import (
    applying,
    duplicates,
    forms_setup,
    importing,
    membership,
    promotion,
    screening,
)

app_name = "applications"

P = "e/<slug:edition>/applications/"

urlpatterns = [
    path(f"{P}apply/<str:role>/", applying.ApplicationApply.as_view(), name="apply"),
    path(
        f"{P}apply/<str:role>/linkedin/",
        applying.LinkedInPrefill.as_view(),
        name="linkedin",
    ),
    path(f"{P}mine/", applying.MyApplications.as_view(), name="mine"),
    path(
        f"{P}<int:pk>/withdraw/",
        applying.ApplicationWithdraw.as_view(),
        name="withdraw",
    ),
    path(P, screening.ApplicationList.as_view(), name="list"),
    path(f"{P}<int:pk>/", screening.ApplicationDetail.as_view(), name="detail"),
    path(f"{P}<int:pk>/review/", screening.ApplicationReview.as_view(), name="review"),
    path(f"{P}<int:pk>/decide/", screening.ApplicationDecide.as_view(), name="decide"),
    path(f"{P}decide/", screening.ApplicationDecideBulk.as_view(), name="decide_bulk"),
    path(f"{P}export/<str:fmt>/", screening.ApplicationExport.as_view(), name="export"),
    path(
        f"{P}templates/<str:decision>/",
        screening.DecisionTemplateEdit.as_view(),
        name="template",
    ),
    path(f"{P}duplicates/", duplicates.DuplicateList.as_view(), name="duplicates"),
    path(
        f"{P}<int:pk>/duplicates/<int:other>/",
        duplicates.DuplicateResolve.as_view(),
        name="duplicate_resolve",
    ),
    path(f"{P}members/", membership.MembershipList.as_view(), name="members"),
    path(
        f"{P}<int:pk>/membership/",
        membership.MembershipVerify.as_view(),
        name="verify",
    ),
    path(f"{P}imports/", importing.ImportUpload.as_view(), name="import_upload"),
    path(
        f"{P}imports/<int:pk>/mapping/",
        importing.ImportMapping.as_view(),
        name="import_mapping",
    ),
    path(
        f"{P}imports/<int:pk>/preview/",
        importing.ImportPreview.as_view(),
        name="import_preview",
    ),
    path(
        f"{P}imports/<int:pk>/commit/",
        importing.ImportCommit.as_view(),
        name="import_commit",
    ),
    path(
        f"{P}imports/<int:pk>/progress/",
        importing.ImportProgress.as_view(),
        name="import_progress",
    ),
    path(f"{P}about/<str:country>/", promotion.AssociationPage.as_view(), name="about"),
    path(f"{P}promotion/", promotion.PromotionFiles.as_view(), name="promotion"),
    path(
        f"{P}promotion/<int:pk>/",
        promotion.PromotionDownload.as_view(),
        name="promotion_download",
    ),
    path(f"{P}forms/", forms_setup.FormList.as_view(), name="forms"),
    path(f"{P}forms/<str:role>/", forms_setup.FormEdit.as_view(), name="form_edit"),
]
