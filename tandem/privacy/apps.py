from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "tandem.privacy"
    verbose_name = "privacy"
