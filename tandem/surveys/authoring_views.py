"""The international coordinator's pages for writing surveys and the pulse rule.

Plain forms throughout; only moving a question up or down answers htmx with the
new list, so the page works the same without JavaScript.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView, View

from tandem.core import clock
from tandem.core.views import EditionScopedMixin
from tandem.surveys.domain import authoring
from tandem.surveys.domain.pulse import rule_for
from tandem.surveys.forms import (
    NewQuestionForm,
    NewSurveyForm,
    PulseRuleForm,
    QuestionForm,
    SurveyForm,
)
from tandem.surveys.models import Survey
from tandem.surveys.views import SurveyMixin

EDIT = "surveys/authoring/edit.html"


def _add_errors(form, error):
    """The domain's errors on the fields they name, the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, problems in error.error_dict.items():
        form.add_error(name if name in form.fields else None, problems)


class SurveyManage(EditionScopedMixin, TemplateView):
    permission = "surveys.author_surveys"
    template_name = "surveys/authoring/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        surveys = list(
            self.edition.surveys.exclude(kind=Survey.Kind.PULSE)
            .select_related("milestone")
            .annotate(
                response_count=Count("responses", distinct=True),
                question_count=Count("questions", distinct=True),
            )
        )
        today = clock.today()
        for survey in surveys:
            survey.state = authoring.state_of(survey, today)
        context.update(surveys=surveys, pulse_rule=rule_for(self.edition))
        return context


class SurveyCreate(EditionScopedMixin, TemplateView):
    permission = "surveys.author_surveys"
    template_name = "surveys/authoring/create.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", NewSurveyForm(edition=self.edition))
        return context

    def post(self, request, *args, **kwargs):
        form = NewSurveyForm(request.POST, edition=self.edition)
        if form.is_valid():
            fields = dict(form.cleaned_data)
            submission = fields.pop("submission")
            try:
                survey = authoring.create_survey(
                    self.edition,
                    actor=request.user,
                    submission=submission,
                    **fields,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request, f"Survey “{survey.title}” created: now add its questions."
                )
                return redirect("surveys:edit", self.edition.slug, survey.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class AuthoringMixin(SurveyMixin):
    permission = "surveys.author_surveys"

    @cached_property
    def answered(self):
        return authoring.has_responses(self.survey)

    def edit_url(self):
        return reverse("surveys:edit", args=[self.edition.slug, self.survey.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(survey=self.survey, answered=self.answered)
        return context


class SurveyEdit(AuthoringMixin, TemplateView):
    template_name = EDIT

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.form())
        context.update(
            questions=self.survey.questions.all(),
            state=authoring.state_of(self.survey, clock.today()),
        )
        return context

    def form(self, data=None):
        return SurveyForm(
            data,
            initial=SurveyForm.initial_of(self.survey),
            edition=self.edition,
            answered=self.answered,
        )

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                authoring.change_survey(
                    self.survey, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, "Survey saved.")
                return redirect(self.edit_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class QuestionAdd(AuthoringMixin, TemplateView):
    template_name = "surveys/authoring/question.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", NewQuestionForm())
        return context

    def post(self, request, *args, **kwargs):
        form = NewQuestionForm(request.POST)
        if form.is_valid():
            try:
                authoring.add_question(
                    self.survey,
                    actor=request.user,
                    submission=form.cleaned_data["submission"],
                    **form.spec(),
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, "Question added.")
                return redirect(self.edit_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class QuestionMixin(AuthoringMixin):
    @cached_property
    def question(self):
        return get_object_or_404(self.survey.questions, pk=self.kwargs["question"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["question"] = self.question
        return context


class QuestionEdit(QuestionMixin, TemplateView):
    template_name = "surveys/authoring/question.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.form())
        return context

    def form(self, data=None):
        return QuestionForm(
            data,
            initial=QuestionForm.initial_of(self.question),
            answered=self.answered,
        )

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                authoring.change_question(
                    self.question, actor=request.user, **form.spec()
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, "Question saved.")
                return redirect(self.edit_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class QuestionDelete(QuestionMixin, TemplateView):
    template_name = "surveys/authoring/question_delete.html"

    def post(self, request, *args, **kwargs):
        try:
            authoring.delete_question(self.question, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Question deleted.")
        return redirect(self.edit_url())


class QuestionMove(QuestionMixin, View):
    """Up or down one place; htmx gets the new list of questions at once."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        error = None
        try:
            authoring.move_question(
                self.question,
                actor=request.user,
                up=request.POST.get("direction") != "down",
            )
        except ValidationError as refused:
            error = " ".join(refused.messages)
        if request.headers.get("HX-Request"):
            context = {
                "edition": self.edition,
                "survey": self.survey,
                "answered": self.answered,
                "questions": self.survey.questions.all(),
                "move_error": error,
            }
            return render(request, f"{EDIT}#questions", context)
        if error:
            messages.error(request, error)
        return redirect(f"{self.edit_url()}#question-{self.question.pk}")


class PulseRuleEdit(EditionScopedMixin, TemplateView):
    permission = "surveys.edit_pulse_rule"
    template_name = "surveys/authoring/pulse_rule.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", PulseRuleForm(instance=rule_for(self.edition)))
        return context

    def post(self, request, *args, **kwargs):
        form = PulseRuleForm(request.POST, instance=rule_for(self.edition))
        if form.is_valid():
            try:
                authoring.save_pulse_rule(
                    self.edition, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, "Pulse rule saved.")
                return redirect("surveys:manage", self.edition.slug)
        return self.render_to_response(self.get_context_data(form=form), status=400)
