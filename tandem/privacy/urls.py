from django.urls import path

from tandem.privacy import views

app_name = "privacy"

urlpatterns = [
    path("privacy/", views.PrivacyHome.as_view(), name="home"),
    path("privacy/my-data/", views.MyDataPage.as_view(), name="data_page"),
    path("privacy/my-data.json", views.MyDataJson.as_view(), name="data_json"),
    path("privacy/consent/withdraw/", views.ConsentWithdraw.as_view(), name="withdraw"),
    path("privacy/erase/", views.AccountErase.as_view(), name="erase"),
]
