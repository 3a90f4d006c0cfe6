"""Logging a meeting, and the partner's answer to it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.views.generic import FormView, View

from tandem.core.views import EditionScopedMixin
from tandem.mentoring.domain import meetings
from tandem.mentoring.forms import MeetingForm, MeetingResponseForm
from tandem.mentoring.models import Meeting
from tandem.mentoring.views.base import PairScopedMixin, form_errors


class MeetingLog(PairScopedMixin, FormView):
    permission = "mentoring.log_meeting"
    template_name = "mentoring/meetings/create.html"
    form_class = MeetingForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(pair=self.pair, **kwargs)

    def form_valid(self, form):
        try:
            meetings.log_meeting(
                self.pair, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request, "Meeting logged; your partner is asked to confirm it."
        )
        return redirect("mentoring:mine", edition=self.edition.slug)


class MeetingRespond(EditionScopedMixin, View):
    scope_permission = "mentoring.see_pair"
    permission = "mentoring.respond_meeting"

    @cached_property
    def meeting(self):
        return get_object_or_404(
            Meeting.objects.select_related(
                "pair__edition", "pair__mentor", "pair__mentee"
            ),
            pair__edition=self.edition,
            pk=self.kwargs["pk"],
        )

    def get_permission_object(self):
        return self.meeting

    def post(self, request, *args, **kwargs):
        form = MeetingResponseForm(request.POST)
        if not form.is_valid():
            messages.error(request, form_errors(form))
            return redirect("mentoring:mine", edition=self.edition.slug)
        confirmed = form.cleaned_data["answer"] == "confirm"
        try:
            meetings.respond_to_meeting(
                self.meeting,
                confirmed,
                actor=request.user,
                private_note=form.cleaned_data["private_note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                "Meeting confirmed, thank you."
                if confirmed
                else "Meeting disputed; it no longer counts.",
            )
        return redirect("mentoring:mine", edition=self.edition.slug)
