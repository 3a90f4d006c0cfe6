from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "tandem.surveys"
    verbose_name = "surveys"
