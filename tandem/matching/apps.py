from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "tandem.matching"
    verbose_name = "matching"
