from django.urls import path

from tandem.matching import views

app_name = "matching"

P = "e/<slug:edition>/matching/"

urlpatterns = [
    path(P, views.Board.as_view(), name="board"),
    path(f"{P}runs/new/", views.RunStart.as_view(), name="start"),
    path(f"{P}weights/", views.WeightsEdit.as_view(), name="weights"),
    path(f"{P}runs/<int:pk>/", views.RunShow.as_view(), name="run"),
    path(f"{P}runs/<int:pk>/change/", views.RunChange.as_view(), name="change"),
    path(f"{P}runs/<int:pk>/publish/", views.RunPublish.as_view(), name="publish"),
    path(f"{P}runs/<int:pk>/export.csv", views.RunExport.as_view(), name="export"),
    path(f"{P}compare/", views.RunCompare.as_view(), name="compare_pick"),
    path(f"{P}compare/<int:a>/<int:b>/", views.RunCompare.as_view(), name="compare"),
    path(f"{P}suggestions/new/", views.SuggestionFile.as_view(), name="suggest"),
    path(
        f"{P}suggestions/<int:pk>/decide/",
        views.SuggestionDecide.as_view(),
        name="decide",
    ),
]
