from django.urls import path

from tandem.surveys import authoring_views, views

app_name = "surveys"

P = "e/<slug:edition>/surveys/"
Q = f"{P}<int:pk>/questions/"

urlpatterns = [
    path(f"{P}", views.SurveyList.as_view(), name="list"),
    path(f"{P}mine/", views.SurveyMine.as_view(), name="mine"),
    path(f"{P}<int:pk>/answer/", views.SurveyAnswer.as_view(), name="answer"),
    path(f"{P}<int:pk>/results/", views.SurveyResults.as_view(), name="results"),
    path(
        f"{P}<int:pk>/results/export/<str:fmt>/",
        views.SurveyExport.as_view(),
        name="export",
    ),
    path(f"{P}pulse/<int:pk>/", views.PulseCheckAnswer.as_view(), name="pulse"),
    path(f"{P}manage/", authoring_views.SurveyManage.as_view(), name="manage"),
    path(f"{P}new/", authoring_views.SurveyCreate.as_view(), name="create"),
    path(f"{P}<int:pk>/edit/", authoring_views.SurveyEdit.as_view(), name="edit"),
    path(f"{Q}new/", authoring_views.QuestionAdd.as_view(), name="question_add"),
    path(
        f"{Q}<int:question>/edit/",
        authoring_views.QuestionEdit.as_view(),
        name="question_edit",
    ),
    path(
        f"{Q}<int:question>/delete/",
        authoring_views.QuestionDelete.as_view(),
        name="question_delete",
    ),
    path(
        f"{Q}<int:question>/move/",
        authoring_views.QuestionMove.as_view(),
        name="question_move",
    ),
    path(f"{P}pulse-rule/", authoring_views.PulseRuleEdit.as_view(), name="pulse_rule"),
]
