from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "tandem.applications"
    verbose_name = "applications"
