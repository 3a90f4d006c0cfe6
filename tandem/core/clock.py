"""The one place Tandem asks what time it is.

Workflows open and close things from an edition's dates, so they read the clock
from here; ``TANDEM_TODAY`` (a date) pins the day for demos and tests.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone


def today():
    pinned = getattr(settings, "TANDEM_TODAY", "")
    if pinned:
        return dt.date.fromisoformat(pinned)
    return timezone.localdate()


def now():
    pinned = getattr(settings, "TANDEM_TODAY", "")
    if not pinned:
        return timezone.now()
    wall = timezone.localtime().time()
    return timezone.make_aware(dt.datetime.combine(today(), wall))
