"""Participants' events, .ics downloads and personal calendar feeds."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView, View

from tandem.core import clock
from tandem.core.views import EditionScopedMixin
from tandem.events.domain import calendar
from tandem.events.domain.people import (
    events_for,
    missing_mandatory,
    participant_roles,
)
from tandem.events.models import CalendarFeed
from tandem.events.views.base import EventScopedMixin
from tandem.programs.models import Edition
from tandem.programs.roles import roles_for

CALENDAR_TYPE = "text/calendar; charset=utf-8"


class MyEvents(EditionScopedMixin, TemplateView):
    permission = "events.view_mine"
    template_name = "events/mine/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.request.user
        feed = calendar.feed_of(person)
        attended = set(
            person.attendances.filter(event__edition=self.edition).values_list(
                "event_id", flat=True
            )
        )
        context.update(
            events=events_for(person, self.edition),
            attended=attended,
            missing=missing_mandatory(person, self.edition),
            now=clock.now(),
            participant_roles=sorted(participant_roles(person, self.edition)),
            feed_url=self.request.build_absolute_uri(
                reverse("events:feed", args=[self.edition.slug, feed.token])
            ),
        )
        return context


class FeedRenew(EditionScopedMixin, View):
    permission = "events.view_mine"

    def post(self, request, *args, **kwargs):
        calendar.renew_feed(request.user, actor=request.user)
        messages.success(
            request, "Your calendar address is new; the old one no longer works."
        )
        return redirect("events:mine", edition=self.edition.slug)


class EventIcs(EventScopedMixin, View):
    def get(self, request, *args, **kwargs):
        response = HttpResponse(
            calendar.calendar_bytes([self.event], name=self.event.title),
            content_type=CALENDAR_TYPE,
        )
        response["Content-Disposition"] = (
            f'attachment; filename="tandem-event-{self.event.pk}.ics"'
        )
        return response


@method_decorator(login_not_required, name="dispatch")
class CalendarFeedView(View):
    """The person's events of one edition; the token is the only credential,
    because calendar programs cannot sign in."""

    def get(self, request, edition, token):
        feed = get_object_or_404(
            CalendarFeed.objects.select_related("person"), token=token
        )
        edition = get_object_or_404(Edition, slug=edition)
        person = feed.person
        if not person.is_active or not roles_for(person, edition).anything:
            raise Http404("No such calendar.")
        events = events_for(person, edition)
        return HttpResponse(
            calendar.calendar_bytes(events, name=f"Tandem {edition.name}"),
            content_type=CALENDAR_TYPE,
        )
