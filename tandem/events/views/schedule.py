"""Event lists, details, and scheduling."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.generic import FormView, TemplateView

from tandem.core.views import EditionScopedMixin
from tandem.events.domain import scheduling
from tandem.events.domain.people import events_for, participant_roles
from tandem.events.forms import EventForm
from tandem.events.views.base import EventScopedMixin

# Model fields as the form names them, so a refusal lands beside its input.
FORM_FIELDS = {"starts_at": "starts", "ends_at": "ends"}


class EventList(EditionScopedMixin, TemplateView):
    permission = "events.view_list"
    template_name = "events/events/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        roles = self.roles
        if roles.coordinator or roles.training_partner:
            events = self.edition.events.all()
        else:
            events = events_for(self.request.user, self.edition)
        context.update(
            events=events,
            can_schedule=self.request.user.has_perm("events.schedule", self.edition),
            is_participant=bool(participant_roles(self.request.user, self.edition)),
        )
        return context


class EventDetail(EventScopedMixin, TemplateView):
    template_name = "events/events/show.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            can_schedule=user.has_perm("events.schedule", self.edition),
            can_record=user.has_perm("events.record_attendance", self.edition),
        )
        return context


class EventFormMixin:
    form_class = EventForm
    template_name = "events/events/edit.html"

    def form_valid(self, form):
        try:
            event = self.save(form.event_fields())
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                name = FORM_FIELDS.get(field, field)
                form.add_error(name if name in form.fields else None, errors)
            return self.form_invalid(form)
        messages.success(self.request, f"Saved “{event.title}”.")
        return redirect("events:detail", edition=self.edition.slug, pk=event.pk)


class EventCreate(EventFormMixin, EditionScopedMixin, FormView):
    permission = "events.schedule"

    def get_initial(self):
        return {"time_zone": self.request.user.time_zone}

    def save(self, fields):
        return scheduling.schedule_event(
            self.edition, actor=self.request.user, **fields
        )


class EventUpdate(EventFormMixin, EventScopedMixin, FormView):
    permission = "events.schedule"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.event}

    def save(self, fields):
        return scheduling.change_event(self.event, actor=self.request.user, **fields)
