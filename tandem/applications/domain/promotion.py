"""Promotion templates the international coordinator shares with associations."""

from django.db import transaction

from tandem.applications.models import PromotionFile
from tandem.core import audit


@transaction.atomic
def upload_promotion_file(edition, title, upload, *, actor):
    shared = PromotionFile.objects.create(
        edition=edition, title=title, file=upload, uploaded_by=actor
    )
    audit.record("promotion_file.uploaded", shared, actor=actor, edition=edition)
    return shared
