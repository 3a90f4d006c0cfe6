"""The March checkpoint pages, the coordinator's review of a pair, the export."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.views.generic import TemplateView, View

from tandem.core.views import EditionScopedMixin
from tandem.mentoring.domain import checkpoint, queries
from tandem.mentoring.forms import CheckpointReviewForm
from tandem.mentoring.models import Activity, Pair
from tandem.mentoring.views.base import PairScopedMixin, form_errors
from tandem.programs.rules import AssociationInEdition


class CheckpointMixin(EditionScopedMixin):
    template_name = "mentoring/checkpoint/show.html"

    def rows(self, associations):
        pairs = queries.tracked_pairs(self.request.user, self.edition).exclude(
            state=Pair.State.ENDED_EARLY
        )
        if associations is not None:
            pairs = pairs.filter(mentee__association__in=associations)
        return queries.with_figures(pairs).order_by(
            "mentee__association__name", "mentee__person__full_name", "id"
        )

    def checkpoint_context(self, associations, association=None):
        known = queries.known_pairs(self.request.user, self.edition)
        if association is not None:
            known = known.filter(mentor__association=association)
        return {
            "rows": self.rows(associations),
            "known": known,
            "association": association,
            "activities": Activity.choices,
            "chart": checkpoint.activity_chart(self.edition),
        }


class CheckpointEdition(CheckpointMixin, TemplateView):
    permission = "mentoring.view_checkpoint"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.checkpoint_context(None))
        if self.roles.international:
            context["totals"] = checkpoint.totals(self.edition)
            context["total_columns"] = checkpoint.TOTAL_COLUMNS
        context["associations"] = (
            self.edition.associations.filter(pk__in=self.roles.national_of)
            if not self.roles.international
            else self.edition.associations.all()
        )
        return context


class CheckpointAssociation(CheckpointMixin, TemplateView):
    scope_permission = "mentoring.see_association_checkpoint"

    @cached_property
    def association(self):
        return get_object_or_404(
            self.edition.associations, country=self.kwargs["country"].upper()
        )

    def get_permission_object(self):
        return AssociationInEdition(self.edition, self.association)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.checkpoint_context([self.association], self.association))
        return context


class CheckpointReviewSave(PairScopedMixin, View):
    permission = "mentoring.review_checkpoint"

    def post(self, request, *args, **kwargs):
        form = CheckpointReviewForm(request.POST)
        if not form.is_valid():
            messages.error(request, form_errors(form))
        else:
            try:
                checkpoint.review_pair(
                    self.pair,
                    form.cleaned_data["confirmed"],
                    form.cleaned_data["comment"],
                    actor=request.user,
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, "Checkpoint state saved.")
        return redirect(
            "mentoring:checkpoint_association",
            edition=self.edition.slug,
            country=self.pair.mentee.association.country,
        )


class CheckpointExport(EditionScopedMixin, View):
    permission = "mentoring.export_checkpoint"

    def get(self, request, *args, **kwargs):
        fmt = kwargs["fmt"]
        if fmt not in checkpoint.FORMATS:
            raise Http404("No such format.")
        data = checkpoint.export_totals(self.edition, fmt, actor=request.user)
        response = HttpResponse(data, content_type=checkpoint.FORMATS[fmt])
        name = f"checkpoint-{self.edition.slug}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
