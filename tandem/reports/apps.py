from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "tandem.reports"
    verbose_name = "reports"
