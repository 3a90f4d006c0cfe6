from django.urls import path

from tandem.people import views

app_name = "people"

urlpatterns = [
    path("profile/", views.ProfileUpdate.as_view(), name="profile"),
]
