"""The matching board: runs, board edits, publishing, comparing, suggestions."""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import FormView, TemplateView, View

from tandem.applications.models import Role
from tandem.core import conflicts
from tandem.core.views import EditionScopedMixin
from tandem.matching.domain import (
    exporting,
    publishing,
    queries,
    runs,
    suggestions,
    weights,
)
from tandem.matching.domain.cohort import accepted_applications
from tandem.matching.forms import (
    ChangeForm,
    DecideForm,
    RunForm,
    SuggestionForm,
    WeightsForm,
)
from tandem.matching.models import MatchRun, Suggestion

BOARD = "matching/board/show.html"


class RunScopedMixin(EditionScopedMixin):
    """One run of the URL's edition; a run of another edition answers 404."""

    def get_permission_object(self):
        return self.run

    @cached_property
    def run(self):
        return get_object_or_404(
            MatchRun.objects.select_related("edition", "parent", "created_by"),
            edition=self.edition,
            pk=self.kwargs["pk"],
        )


def board_context(request, edition, run, **extra):
    """Everything the board shows of ``run``, confined to the person's scope."""
    scope = queries.visible_scope(request.user, edition)
    rows = queries.proposals(run, scope) if run else []
    if run is not None:
        queries.add_segments(rows, run.weights)
    context = {
        "edition": edition,
        "run": run,
        "scope": scope,
        "groups": queries.grouped_by_association(rows),
        "proposals": rows,
        "unmatched": queries.unmatched(run, scope) if run else [],
        "run_weights": weights.described(run.weights) if run else [],
        "suggestions": queries.suggestions(edition, scope),
        "can_change": request.user.has_perm("matching.change", edition),
        "run_form": RunForm(),
        "version": runs.board_version(edition),
        **extra,
    }
    if run is not None and run.parent_id and scope is None:
        context["change"] = {
            "score": round(
                run.figures["total_score"] - run.parent.figures["total_score"], 6
            ),
            "matched": run.figures["matched"] - run.parent.figures["matched"],
        }
    if request.user.has_perm("matching.edit_weights", edition):
        context["edition_weights"] = weights.described(weights.weights_for(edition))
    if context["can_change"]:
        context["runs"] = list(queries.runs_of(edition)[:30])
        context["cohort"] = _cohort_choices(edition, rows)
    elif request.user.has_perm("matching.suggest", edition):
        context["suggestion_form"] = SuggestionForm(
            **_suggestable(edition, scope, rows)
        )
    return context


def _cohort_choices(edition, rows):
    applications = list(accepted_applications(edition))
    return {
        "mentors": [a for a in applications if a.role == Role.MENTOR],
        "mentees": [a for a in applications if a.role == Role.MENTEE],
    }


def _suggestable(edition, scope, rows):
    """Own members, and the partners they are proposed with; nobody else's names."""
    own = [a for a in accepted_applications(edition) if a.association_id in scope]
    seen = {a.pk: a for a in own}
    for p in rows:
        seen.setdefault(p.mentor_id, p.mentor)
        seen.setdefault(p.mentee_id, p.mentee)
    people = sorted(seen.values(), key=lambda a: a.person.full_name)
    return {
        "mentors": [a for a in people if a.role == Role.MENTOR],
        "mentees": [a for a in people if a.role == Role.MENTEE],
    }


class Board(EditionScopedMixin, TemplateView):
    """The latest run of the edition, or an invitation to start one."""

    permission = "matching.view_board"
    template_name = BOARD

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = queries.latest_run(self.edition)
        return {**context, **board_context(self.request, self.edition, run)}


class RunShow(RunScopedMixin, TemplateView):
    permission = "matching.view_board"
    template_name = BOARD

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, **board_context(self.request, self.edition, self.run)}


class RunStart(EditionScopedMixin, View):
    permission = "matching.run"

    def post(self, request, *args, **kwargs):
        form = RunForm(request.POST)
        options = {"fairness": form.cleaned_data["fairness"]} if form.is_valid() else {}
        try:
            run = runs.start_run(self.edition, actor=request.user, options=options)
        except runs.BoardError as error:
            messages.error(request, error.message)
            return redirect("matching:board", self.edition.slug)
        messages.success(request, f"Run {run.pk}: {run.figures['matched']} matched.")
        return redirect("matching:run", self.edition.slug, run.pk)


class WeightsEdit(EditionScopedMixin, FormView):
    """The edition's weights of the score parts, used by every later run."""

    permission = "matching.edit_weights"
    form_class = WeightsForm
    template_name = "matching/weights/edit.html"

    def get_initial(self):
        return {
            **weights.weights_for(self.edition),
            "seen": weights.stamp_of(self.edition),
        }

    def form_valid(self, form):
        values = dict(form.cleaned_data)
        seen = values.pop("seen")
        try:
            weights.set_weights(
                self.edition, values, actor=self.request.user, seen=seen
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                # A stale page's conflict names no part.
                form.add_error(None, error)
                return self.form_invalid(form)
            for key, texts in error.message_dict.items():
                form.add_error(None if key == NON_FIELD_ERRORS else key, texts)
            return self.form_invalid(form)
        messages.success(self.request, "Weights saved; the next run uses them.")
        return redirect("matching:board", self.edition.slug)


class RunChange(RunScopedMixin, View):
    """Pin, veto, unassign or swap; htmx gets the new board fragment at once."""

    permission = "matching.change"

    def post(self, request, *args, **kwargs):
        form = ChangeForm(request.POST)
        try:
            if not form.is_valid():
                raise runs.BoardError(
                    " ".join(form.errors.get("__all__", ["Bad form."]))
                )
            new = self._apply(form.cleaned_data)
        except runs.BoardError as error:
            return self._answer(self.run, error=error.message)
        except conflicts.EditConflict as error:
            return self._answer(self.run, error=" ".join(error.messages))
        return self._answer(new)

    def _apply(self, data):
        actor, action, seen = self.request.user, data["action"], data["seen"]
        if action == "swap":
            return runs.swap(
                self.run, data["first"], data["second"], actor=actor, seen=seen
            )
        if action == "unassign":
            return runs.unassign(
                self.run, data["mentor"], data["mentee"], actor=actor, seen=seen
            )
        change = runs.pin if action == "pin" else runs.veto
        return change(
            self.run,
            data["mentor"],
            data["mentee"],
            actor=actor,
            reason=data["reason"],
            seen=seen,
        )

    def _answer(self, run, error=None):
        url = reverse("matching:run", args=[self.edition.slug, run.pk])
        if self.request.headers.get("HX-Request"):
            context = board_context(self.request, self.edition, run, error=error)
            context["roles"] = self.roles
            response = render(self.request, f"{BOARD}#board", context)
            response["HX-Push-Url"] = url
            return response
        if error:
            messages.error(self.request, error)
        return redirect(url)


class RunPublish(RunScopedMixin, View):
    permission = "matching.publish"

    def post(self, request, *args, **kwargs):
        try:
            seen = request.POST.get("seen", "")
            created = publishing.publish_run(
                self.run,
                actor=request.user,
                base_url=request.build_absolute_uri("/"),
                seen=int(seen) if seen.isdigit() else 0,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"Published run {self.run.pk}: {len(created)} new pairs, "
                "each introduced by e-mail.",
            )
        return redirect("matching:run", self.edition.slug, self.run.pk)


class RunExport(RunScopedMixin, View):
    """The proposals the person may see, as CSV."""

    permission = "matching.export"

    def get(self, request, *args, **kwargs):
        scope = queries.visible_scope(request.user, self.edition)
        data = exporting.export_run(self.run, scope, actor=request.user)
        response = HttpResponse(data, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="match-run-{self.run.pk}.csv"'
        )
        return response


class RunCompare(EditionScopedMixin, TemplateView):
    """Two runs side by side; the pick form's query string redirects to the path."""

    permission = "matching.compare"
    template_name = "matching/runs/compare.html"

    def get(self, request, *args, **kwargs):
        if "a" not in kwargs:
            a, b = request.GET.get("a", ""), request.GET.get("b", "")
            if not (a.isdigit() and b.isdigit()):
                raise Http404("Choose two runs.")
            return redirect("matching:compare", self.edition.slug, a, b)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        a, b = (
            get_object_or_404(MatchRun, edition=self.edition, pk=self.kwargs[key])
            for key in ("a", "b")
        )
        return {**context, "a": a, "b": b, "diff": runs.compare_runs(a, b)}


class SuggestionFile(EditionScopedMixin, View):
    permission = "matching.suggest"

    def post(self, request, *args, **kwargs):
        scope = queries.visible_scope(request.user, self.edition)
        run = queries.latest_run(self.edition)
        rows = queries.proposals(run, scope) if run else []
        form = SuggestionForm(request.POST, **_suggestable(self.edition, scope, rows))
        if not form.is_valid():
            messages.error(request, "Choose a mentor and a mentee, and say why.")
            return redirect("matching:board", self.edition.slug)
        picked = {
            a.pk: a
            for a in accepted_applications(self.edition).filter(
                pk__in=[form.cleaned_data["mentor"], form.cleaned_data["mentee"]]
            )
        }
        try:
            suggestions.file_suggestion(
                self.edition,
                actor=request.user,
                mentor=picked[form.cleaned_data["mentor"]],
                mentee=picked[form.cleaned_data["mentee"]],
                kind=form.cleaned_data["kind"],
                reason=form.cleaned_data["reason"],
                submission=form.cleaned_data["submission"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, "Suggestion sent to the international coordinator."
            )
        return redirect("matching:board", self.edition.slug)


class SuggestionDecide(EditionScopedMixin, View):
    permission = "matching.decide"

    def post(self, request, *args, **kwargs):
        suggestion = get_object_or_404(
            Suggestion, edition=self.edition, pk=self.kwargs["pk"]
        )
        form = DecideForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Accept or decline the suggestion.")
            return redirect("matching:board", self.edition.slug)
        run = queries.latest_run(self.edition)
        if run is not None and run.state == MatchRun.State.PUBLISHED:
            run = None
        try:
            new = suggestions.decide_suggestion(
                suggestion,
                actor=request.user,
                accept=form.cleaned_data["accept"],
                run=run,
                answer=form.cleaned_data["answer"],
            )
        except (ValidationError, runs.BoardError) as error:
            text = (
                error.message
                if isinstance(error, runs.BoardError)
                else " ".join(error.messages)
            )
            messages.error(request, text)
            return redirect("matching:board", self.edition.slug)
        messages.success(request, f"Suggestion {suggestion.get_kind_display()}: done.")
        if new is not None:
            return redirect("matching:run", self.edition.slug, new.pk)
        return redirect("matching:board", self.edition.slug)
