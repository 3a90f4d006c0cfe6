from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from tandem.core.views import EditionScopedMixin
from tandem.events.models import Event


class EventScopedMixin(EditionScopedMixin):
    """One event of the URL's edition; an event not meant for the viewer answers 404."""

    scope_permission = "events.see_event"

    def get_permission_object(self):
        return self.event

    @cached_property
    def event(self):
        return get_object_or_404(
            Event.objects.select_related("edition"),
            edition=self.edition,
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["event"] = self.event
        return context
