from django.urls import path

from tandem.mentoring.views import cases, checkpoint, meetings, pairs, setup

app_name = "mentoring"

P = "e/<slug:edition>/mentoring/"

urlpatterns = [
    path(f"{P}mine/", pairs.MyPair.as_view(), name="mine"),
    path(f"{P}pairs/", pairs.PairList.as_view(), name="pairs"),
    path(f"{P}pairs/<int:pk>/", pairs.PairDetail.as_view(), name="pair"),
    path(f"{P}pairs/<int:pk>/accept/", pairs.ContractAccept.as_view(), name="accept"),
    path(f"{P}pairs/<int:pk>/state/", pairs.PairStateChange.as_view(), name="state"),
    path(
        f"{P}pairs/<int:pk>/meetings/new/",
        meetings.MeetingLog.as_view(),
        name="meeting_log",
    ),
    path(
        f"{P}meetings/<int:pk>/respond/",
        meetings.MeetingRespond.as_view(),
        name="meeting_respond",
    ),
    path(f"{P}pairs/<int:pk>/concern/", cases.ConcernRaise.as_view(), name="concern"),
    path(
        f"{P}pairs/<int:pk>/checkpoint/",
        checkpoint.CheckpointReviewSave.as_view(),
        name="checkpoint_review",
    ),
    path(f"{P}checkpoint/", checkpoint.CheckpointEdition.as_view(), name="checkpoint"),
    path(
        f"{P}checkpoint/export/<str:fmt>/",
        checkpoint.CheckpointExport.as_view(),
        name="checkpoint_export",
    ),
    path(
        f"{P}checkpoint/<str:country>/",
        checkpoint.CheckpointAssociation.as_view(),
        name="checkpoint_association",
    ),
    path(f"{P}cases/", cases.CaseList.as_view(), name="cases"),
    path(f"{P}cases/new/", cases.CaseOpen.as_view(), name="case_open"),
    path(f"{P}cases/<int:pk>/", cases.CaseDetail.as_view(), name="case"),
    path(f"{P}cases/<int:pk>/update/", cases.CaseUpdate.as_view(), name="case_update"),
    path(f"{P}contract/", setup.ContractEdit.as_view(), name="contract"),
    path(f"{P}rule/", setup.RuleEdit.as_view(), name="rule"),
]
