"""Import pages: upload → mapping → preview → commit in the background → progress."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.views.generic import FormView, TemplateView, View

from tandem.applications.domain import importing, jobs
from tandem.applications.forms import UploadForm
from tandem.applications.models import ImportJob, Role
from tandem.core.views import EditionScopedMixin
from tandem.programs.models import Association
from tandem.tabular.errors import DayOrderQuestion, EncodingQuestion, FileRefused
from tandem.tabular.fields import FIELDS
from tandem.tabular.reading import LEGACY_CANDIDATES

CONSTANT_FIELDS = ("association", "role")


class ImportUpload(EditionScopedMixin, FormView):
    permission = "applications.import"
    template_name = "applications/importing/upload.html"
    form_class = UploadForm

    def get_context_data(self, **kwargs):
        recent = ImportJob.objects.filter(edition=self.edition)
        if not self.roles.international:
            recent = recent.filter(uploaded_by=self.request.user)
        return super().get_context_data(jobs=recent[:10], **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        association = None
        if not self.roles.international:
            association = Association.objects.get(pk=min(self.roles.national_of))
        try:
            job = jobs.create_job(
                self.edition,
                upload.name,
                upload.read(),
                actor=self.request.user,
                association=association,
            )
        except FileRefused as exc:
            form.add_error("file", f"{exc.filename}: {exc.reason}")
            return self.form_invalid(form)
        return redirect(
            "applications:import_mapping", edition=self.edition.slug, pk=job.pk
        )


class ImportJobMixin(EditionScopedMixin):
    scope_permission = "applications.see_import"
    permission = "applications.import"

    def get_permission_object(self):
        return self.job

    @cached_property
    def job(self):
        return get_object_or_404(
            ImportJob.objects.select_related("association"),
            edition=self.edition,
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(job=self.job, **kwargs)


class ImportMapping(ImportJobMixin, TemplateView):
    """Columns ↔ fields, constants for what the file lacks, encoding, presets."""

    template_name = "applications/importing/mapping.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            table = jobs.table_of(self.job)
        except EncodingQuestion as exc:
            context.update(encoding_samples=exc.samples)
            return context
        except FileRefused as exc:
            context.update(refusal=f"{exc.filename}: {exc.reason}")
            return context
        mapping = jobs.mapping_of(self.job, table)
        context.update(
            table=table,
            columns=[
                (index, header, mapping.columns.get(index, ""), _samples(table, index))
                for index, header in enumerate(table.headers)
            ],
            fields=[(f.name, f.label) for f in FIELDS],
            constants=mapping.constants,
            associations=self.edition.associations.all(),
            roles=Role.choices,
            presets=importing.presets_for(self.job.association),
            legacy_candidates=LEGACY_CANDIDATES,
        )
        return context

    def post(self, request, *args, **kwargs):
        if "encoding" in request.POST:
            return self.choose_encoding(request.POST["encoding"])
        if "preset" in request.POST:
            return self.use_preset(request.POST["preset"])
        if "sheet" in request.POST:
            return self.choose_sheet(request.POST["sheet"])
        table = jobs.table_of(self.job)
        mapping = jobs.mapping_of(self.job, table)
        mapping.columns = {
            index: request.POST[f"column-{index}"]
            for index in range(len(table.headers))
            if request.POST.get(f"column-{index}")
        }
        mapping.fallbacks = {
            name: index
            for name, index in mapping.fallbacks.items()
            if name in mapping.columns.values()
        }
        for name in CONSTANT_FIELDS:
            value = request.POST.get(f"constant-{name}", "")
            if self.job.association is not None and name == "association":
                value = self.job.association.country
            if value:
                mapping.constants[name] = value
            else:
                mapping.constants.pop(name, None)
        name = request.POST.get("save_as", "").strip()
        if name:
            importing.save_preset(
                self.job.association, name, mapping, actor=request.user
            )
        self.job.mapping = mapping.to_json()
        self.job.save(update_fields=["mapping"])
        return redirect(
            "applications:import_preview", edition=self.edition.slug, pk=self.job.pk
        )

    def choose_encoding(self, encoding):
        if encoding in LEGACY_CANDIDATES:
            self.job.legacy_encoding = encoding
            self.job.save(update_fields=["legacy_encoding"])
        return redirect(
            "applications:import_mapping", edition=self.edition.slug, pk=self.job.pk
        )

    def choose_sheet(self, sheet):
        """Read another sheet of a workbook; the old mapping fits no longer."""
        if sheet in jobs.table_of(self.job).sheet_names:
            self.job.sheet = sheet
            self.job.mapping = ""
            self.job.save(update_fields=["sheet", "mapping"])
        return redirect(
            "applications:import_mapping", edition=self.edition.slug, pk=self.job.pk
        )

    def use_preset(self, preset_id):
        try:
            pk = int(preset_id)
        except ValueError:
            raise Http404("No such preset.") from None
        preset = get_object_or_404(importing.presets_for(self.job.association), pk=pk)
        self.job.mapping = preset.mapping
        self.job.save(update_fields=["mapping"])
        return redirect(
            "applications:import_preview", edition=self.edition.slug, pk=self.job.pk
        )


def _samples(table, index):
    cells = (str(row.cell(index)).strip() for row in table.rows[:20])
    return [cell for cell in cells if cell][:2]


class ImportPreview(ImportJobMixin, TemplateView):
    template_name = "applications/importing/preview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            preview = jobs.preview_of(self.job)
        except DayOrderQuestion as exc:
            context.update(day_order=exc)
            return context
        except (FileRefused, EncodingQuestion) as exc:
            context.update(refusal=str(exc))
            return context
        context.update(
            preview=preview,
            totals=preview.totals(),
            groups=list(enumerate(preview.duplicate_groups)),
        )
        return context

    def post(self, request, *args, **kwargs):
        """The answer to the day/month question, once for the whole file."""
        table = jobs.table_of(self.job)
        mapping = jobs.mapping_of(self.job, table)
        mapping.day_first = request.POST.get("day_first") == "yes"
        self.job.mapping = mapping.to_json()
        self.job.save(update_fields=["mapping"])
        return redirect(
            "applications:import_preview", edition=self.edition.slug, pk=self.job.pk
        )


class ImportCommit(ImportJobMixin, View):
    def post(self, request, *args, **kwargs):
        decisions = {
            key.removeprefix("group-"): value
            for key, value in request.POST.items()
            if key.startswith("group-")
        }
        try:
            jobs.start_commit(self.job, decisions, actor=request.user)
        except importing.ImportRefused as exc:
            messages.error(request, "; ".join(exc.messages))
            return redirect(
                "applications:import_preview", edition=self.edition.slug, pk=self.job.pk
            )
        return redirect(
            "applications:import_progress", edition=self.edition.slug, pk=self.job.pk
        )


class ImportProgress(ImportJobMixin, TemplateView):
    """The whole page, or only the bar when htmx polls for it."""

    def get_template_names(self):
        if self.request.headers.get("HX-Request"):
            return ["applications/importing/progress.html#bar"]
        return ["applications/importing/progress.html"]
