from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tandem.core"
    label = "core"
    verbose_name = "Tandem core"

    def ready(self):
        from tandem.core import signals  # noqa: F401 (connects the audit receivers)
