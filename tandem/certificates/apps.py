from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "tandem.certificates"
    verbose_name = "certificates"
