"""Cases: the coordinators' list and timeline, and a participant's concern."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.views.generic import FormView, TemplateView, View

from tandem.core.paging import paginate
from tandem.core.views import EditionScopedMixin
from tandem.mentoring.domain import cases, queries
from tandem.mentoring.forms import CaseOpenForm, CaseUpdateForm, ConcernForm
from tandem.mentoring.models import Case
from tandem.mentoring.views.base import PairScopedMixin, form_errors


class CaseList(EditionScopedMixin, TemplateView):
    permission = "mentoring.view_cases"
    template_name = "mentoring/cases/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pager = paginate(
            self.request, queries.visible_cases(self.request.user, self.edition)
        )
        context.update(cases=pager.rows, pager=pager)
        return context


class CaseOpen(EditionScopedMixin, FormView):
    permission = "mentoring.open_case"
    template_name = "mentoring/cases/create.html"
    form_class = CaseOpenForm

    def get_form_kwargs(self):
        pairs = queries.tracked_pairs(self.request.user, self.edition).select_related(
            "mentor__person", "mentee__person", "mentee__association"
        )
        return {**super().get_form_kwargs(), "pairs": pairs}

    def form_valid(self, form):
        pair = form.cleaned_data["pair"]
        try:
            case = cases.open_case(
                self.edition,
                actor=self.request.user,
                kind=form.cleaned_data["kind"],
                summary=form.cleaned_data["summary"],
                association=pair.mentee.association,
                pair=pair,
                submission=form.cleaned_data["submission"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, "Case opened.")
        return redirect("mentoring:case", edition=self.edition.slug, pk=case.pk)


class CaseScopedMixin(EditionScopedMixin):
    scope_permission = "mentoring.see_case"

    @cached_property
    def case(self):
        return get_object_or_404(
            Case.objects.select_related(
                "association",
                "owner",
                "opened_by",
                "person",
                "pair__mentor__person",
                "pair__mentee__person",
            ),
            edition=self.edition,
            pk=self.kwargs["pk"],
        )

    def get_permission_object(self):
        return self.case


class CaseDetail(CaseScopedMixin, TemplateView):
    template_name = "mentoring/cases/show.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            case=self.case,
            notes=self.case.notes.select_related("author"),
            form=CaseUpdateForm(initial={"state": self.case.state}),
        )
        return context


class CaseUpdate(CaseScopedMixin, View):
    def post(self, request, *args, **kwargs):
        form = CaseUpdateForm(request.POST)
        if not form.is_valid():
            messages.error(request, form_errors(form))
        else:
            data = form.cleaned_data
            try:
                cases.update_case(
                    self.case,
                    actor=request.user,
                    state=data["state"] or None,
                    owner=request.user if data["take"] else None,
                    note=data["note"],
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, "Case updated.")
        return redirect("mentoring:case", edition=self.edition.slug, pk=self.case.pk)


class ConcernRaise(PairScopedMixin, FormView):
    permission = "mentoring.raise_concern"
    template_name = "mentoring/cases/concern.html"
    form_class = ConcernForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(pair=self.pair, **kwargs)

    def form_valid(self, form):
        cases.raise_concern(
            self.pair,
            form.cleaned_data["text"],
            actor=self.request.user,
            submission=form.cleaned_data["submission"],
        )
        messages.success(
            self.request,
            "Thank you. Your national coordinator has your message; your partner "
            "does not see it.",
        )
        return redirect("mentoring:mine", edition=self.edition.slug)
