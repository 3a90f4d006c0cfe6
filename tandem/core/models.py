from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    """One traceable action. Rows hold ids and names of actions, never free text."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    association = models.ForeignKey(
        "programs.Association",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    edition = models.ForeignKey(
        "programs.Edition",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    request_id = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["action", "at"])]

    def __str__(self):
        return f"{self.action} {self.object_type}:{self.object_id}"
