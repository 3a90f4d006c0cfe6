from django.urls import path

from tandem.programs import views

app_name = "programs"

urlpatterns = [
    path("", views.Home.as_view(), name="home"),
    path("e/<slug:edition>/", views.EditionDashboard.as_view(), name="dashboard"),
    path(
        "e/<slug:edition>/timeline/", views.EditionTimeline.as_view(), name="timeline"
    ),
    path(
        "e/<slug:edition>/timeline/new/",
        views.MilestoneCreate.as_view(),
        name="milestone_create",
    ),
    path(
        "e/<slug:edition>/timeline/<int:pk>/edit/",
        views.MilestoneUpdate.as_view(),
        name="milestone_update",
    ),
    path(
        "e/<slug:edition>/timeline/<int:pk>/delete/",
        views.MilestoneDelete.as_view(),
        name="milestone_delete",
    ),
    path(
        "e/<slug:edition>/associations/",
        views.AssociationList.as_view(),
        name="associations",
    ),
    path(
        "e/<slug:edition>/associations/<str:country>/",
        views.AssociationDetail.as_view(),
        name="association",
    ),
    path("e/<slug:edition>/join/", views.JoinRequestCreate.as_view(), name="join"),
    path(
        "e/<slug:edition>/join/thanks/",
        views.JoinRequestThanks.as_view(),
        name="join_thanks",
    ),
    path(
        "e/<slug:edition>/join-requests/",
        views.JoinRequestList.as_view(),
        name="join_requests",
    ),
    path(
        "e/<slug:edition>/join-requests/<int:pk>/decide/",
        views.JoinRequestDecide.as_view(),
        name="join_request_decide",
    ),
]
