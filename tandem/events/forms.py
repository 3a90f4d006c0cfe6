"""Forms at the edge: they clean input and hand plain values to domain functions."""

import datetime as dt
import zoneinfo

from django import forms
from django.utils import timezone

from tandem.core.forms import NamedFileField
from tandem.events.domain.scheduling import EDITABLE, aware
from tandem.events.models import Event

WALL_CLOCK_FORMAT = "%Y-%m-%dT%H:%M"


class WallClockField(forms.DateTimeField):
    """A date and time as written, without a zone; the form adds the event's own."""

    widget = forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format=WALL_CLOCK_FORMAT
    )

    def to_python(self, value):
        with timezone.override(dt.UTC):
            parsed = super().to_python(value)
        return parsed.replace(tzinfo=None) if parsed else parsed


def zone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class EventForm(forms.ModelForm):
    """Start and end are typed as local times of the event's zone."""

    starts = WallClockField(label="Starts", help_text="Local time of the event's zone.")
    ends = WallClockField(label="Ends", help_text="Local time of the event's zone.")
    time_zone = forms.ChoiceField(label="Time zone", choices=zone_choices)

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "audience",
            "mandatory",
            "time_zone",
            "online_url",
            "place",
            "capacity",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    field_order = ["title", "kind", "audience", "mandatory", "starts", "ends"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.instance
        if event.pk:
            self.initial["starts"] = event.starts_at.astimezone(event.zone).replace(
                tzinfo=None
            )
            self.initial["ends"] = event.ends_at.astimezone(event.zone).replace(
                tzinfo=None
            )

    def _post_clean(self):
        # The domain function validates and saves; the form only reads values.
        pass

    def clean(self):
        cleaned = super().clean()
        zone_name = cleaned.get("time_zone")
        if not zone_name:
            return cleaned
        zone = zoneinfo.ZoneInfo(zone_name)
        for field, target in (("starts", "starts_at"), ("ends", "ends_at")):
            if cleaned.get(field):
                try:
                    cleaned[target] = aware(cleaned[field], zone, field)
                except forms.ValidationError as exc:
                    self.add_error(None, exc)
        return cleaned

    def event_fields(self):
        """The cleaned values as keyword arguments of the scheduling functions."""
        return {name: self.cleaned_data[name] for name in EDITABLE}


class UploadForm(forms.Form):
    file = NamedFileField(
        label="Attendance export",
        help_text="The participants CSV from Zoom, or the attendance report from "
        "Microsoft Teams, as downloaded.",
    )
