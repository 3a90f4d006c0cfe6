"""Rosters with tick boxes, and attendance imported from meeting exports."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.views.generic import FormView, TemplateView

from tandem.events.domain import recording
from tandem.events.domain.people import audience
from tandem.events.forms import UploadForm
from tandem.events.models import Attendance, AttendanceImport
from tandem.events.views.base import EventScopedMixin


class EventRoster(EventScopedMixin, TemplateView):
    """Everyone the viewer records attendance for, ticked in one form.

    Two queries whatever the roster's size: the people, then their attendance.
    """

    permission = "events.record_attendance"
    template_name = "events/roster/edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        people = audience(self.event, self.request.user)
        recorded = {
            row.person_id: row
            for row in Attendance.objects.filter(
                event=self.event, person__in=[pk for pk, _, _ in people]
            ).only("person_id", "minutes", "source")
        }
        context.update(
            rows=[
                (pk, name, country, recorded.get(pk)) for pk, name, country in people
            ],
            present=len(recorded),
            # The training partner sees names only, not where people come from.
            show_association=self.roles.coordinator,
        )
        return context

    def post(self, request, *args, **kwargs):
        change = recording.record_roster(
            self.event, request.POST.getlist("present"), actor=request.user
        )
        messages.success(
            request,
            f"Roster saved: {change.added} added, {change.removed} removed.",
        )
        return redirect("events:roster", edition=self.edition.slug, pk=self.event.pk)


class AttendanceUpload(EventScopedMixin, FormView):
    permission = "events.record_attendance"
    template_name = "events/imports/upload.html"
    form_class = UploadForm

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            kept = recording.upload_attendance(
                self.event, upload.read(), upload.name, actor=self.request.user
            )
        except ValidationError as exc:
            form.add_error("file", exc.messages)
            return self.form_invalid(form)
        return redirect(
            "events:import_report",
            edition=self.edition.slug,
            pk=self.event.pk,
            upload=kept.pk,
        )


class AttendanceImportReport(EventScopedMixin, TemplateView):
    """The matched and unmatched people of an upload; confirming records them."""

    permission = "events.record_attendance"
    template_name = "events/imports/report.html"

    @cached_property
    def upload(self):
        # Only the person who uploaded a file sees its report: it was matched
        # against their own roster.
        return get_object_or_404(
            AttendanceImport,
            event=self.event,
            pk=self.kwargs["upload"],
            uploaded_by=self.request.user,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        match = recording.match_upload(self.upload, self.request.user)
        context.update(
            upload=self.upload,
            attended=sorted(match.attended, key=lambda a: a.person.full_name),
            not_matched=match.not_matched,
            problems=match.report.problems,
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            match = recording.commit_attendance_import(self.upload, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                f"Imported {self.upload.filename}: {len(match.attended)} people "
                f"recorded, {len(match.not_matched)} not matched.",
            )
        return redirect("events:roster", edition=self.edition.slug, pk=self.event.pk)
