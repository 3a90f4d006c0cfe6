from django.urls import path

from tandem.surveys import views

app_name = "surveys"

P = "e/<slug:edition>/surveys/"

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
]
