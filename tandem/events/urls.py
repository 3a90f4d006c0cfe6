from django.urls import path

from tandem.events.views import attendance, calendar, schedule

app_name = "events"

P = "e/<slug:edition>/events/"

urlpatterns = [
    path(P, schedule.EventList.as_view(), name="list"),
    path(f"{P}new/", schedule.EventCreate.as_view(), name="create"),
    path(f"{P}mine/", calendar.MyEvents.as_view(), name="mine"),
    path(f"{P}mine/feed/renew/", calendar.FeedRenew.as_view(), name="feed_renew"),
    path(f"{P}feed/<str:token>.ics", calendar.CalendarFeedView.as_view(), name="feed"),
    path(f"{P}<int:pk>/", schedule.EventDetail.as_view(), name="detail"),
    path(f"{P}<int:pk>/edit/", schedule.EventUpdate.as_view(), name="update"),
    path(f"{P}<int:pk>/event.ics", calendar.EventIcs.as_view(), name="ics"),
    path(f"{P}<int:pk>/roster/", attendance.EventRoster.as_view(), name="roster"),
    path(f"{P}<int:pk>/import/", attendance.AttendanceUpload.as_view(), name="import"),
    path(
        f"{P}<int:pk>/import/<int:upload>/",
        attendance.AttendanceImportReport.as_view(),
        name="import_report",
    ),
]
