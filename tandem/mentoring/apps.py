from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "tandem.mentoring"
    verbose_name = "mentoring"
