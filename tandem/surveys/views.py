"""Answering surveys and pulse checks; results and exports for coordinators."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.views.generic import TemplateView, View

from tandem.core import clock
from tandem.core.views import EditionScopedMixin
from tandem.surveys.domain import answering, pulse, results
from tandem.surveys.models import PulseAnswer, PulseCheck, Question, Survey


class SurveyMixin(EditionScopedMixin):
    scope_permission = "surveys.see_survey"

    def get_permission_object(self):
        return self.survey

    @cached_property
    def survey(self):
        return get_object_or_404(
            Survey.objects.select_related("edition", "milestone"),
            edition=self.edition,
            pk=self.kwargs["pk"],
        )


class SurveyMine(EditionScopedMixin, TemplateView):
    permission = "surveys.view_mine"
    template_name = "surveys/surveys/mine.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person, today = self.request.user, clock.today()
        surveys = list(answering.surveys_for(person, self.edition))
        answered = set(
            answering.ResponseMarker.objects.filter(
                survey__in=surveys, person=person
            ).values_list("survey_id", flat=True)
        )
        for survey in surveys:
            survey.open_now = survey.is_open(today)
            survey.answered = survey.pk in answered
        context.update(
            surveys=surveys, checks=pulse.open_checks_for(person, self.edition)
        )
        return context


class SurveyList(EditionScopedMixin, TemplateView):
    permission = "surveys.view_surveys"
    template_name = "surveys/surveys/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["surveys"] = self.edition.surveys.select_related("milestone")
        return context


class SurveyAnswer(SurveyMixin, TemplateView):
    permission = "surveys.answer_survey"
    template_name = "surveys/surveys/answer.html"

    def get_context_data(self, values=None, errors=None, **kwargs):
        context = super().get_context_data(**kwargs)
        person, survey = self.request.user, self.survey
        pair = answering.pair_of(answering.application_for(person, survey))
        values = values if values is not None else answering.own_answers(survey, person)
        errors = errors or {}
        questions = answering.questions_for(survey, pair)
        for question in questions:
            question.value = values.get(str(question.pk), "")
            question.errors = errors.get(str(question.pk), [])
            question.options = _options(question)
        context.update(
            survey=survey,
            questions=questions,
            partner=pair.partner_of(person) if pair else None,
            answered=answering.has_answered(person, survey),
            open_now=survey.is_open(clock.today()),
        )
        return context

    def post(self, request, *args, **kwargs):
        # Every question as a list: the domain refuses two values for one answer.
        values = {
            str(q.pk): request.POST.getlist(f"q{q.pk}")
            for q in self.survey.questions.all()
        }
        try:
            answering.submit_response(self.survey, values, actor=request.user)
        except ValidationError as error:
            field_errors = error.message_dict if hasattr(error, "error_dict") else {}
            general = [] if field_errors else error.messages
            messages.error(
                request,
                " ".join(general)
                or "Some answers need another look; nothing was saved.",
            )
            context = self.get_context_data(values=values, errors=field_errors)
            return self.render_to_response(context)
        messages.success(
            request, f"Thank you: your answers to {self.survey} are saved."
        )
        return redirect("surveys:mine", edition=self.edition.slug)


def _options(question):
    if question.kind in Question.NUMERIC:
        low, high = Question.RANGES[question.kind]
        return [str(v) for v in range(low, high + 1)]
    return question.choices


class ResultsMixin(SurveyMixin):
    @cached_property
    def filters(self):
        query = self.request.GET
        country = (query.get("association") or "").upper()
        association = None
        if country:
            found = self.edition.associations.filter(country=country).first()
            association = found.pk if found else 0
        role = query.get("role", "")
        pair_type = query.get("pair_type", "")
        return results.Filters(
            association=association,
            role=role if role in results.ROLES else "",
            pair_type=pair_type if pair_type in results.PAIR_TYPES else "",
        )


class SurveyResults(ResultsMixin, TemplateView):
    permission = "surveys.view_results"
    template_name = "surveys/results/show.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        outcome = results.results(
            self.survey, viewer=self.request.user, filters=self.filters
        )
        context.update(
            survey=self.survey,
            outcome=outcome,
            min_group=results.MIN_GROUP,
            choosable=self.edition.associations.filter(
                pk__in=results.visible_association_ids(self.request.user, self.survey)
            ),
            roles=self.roles,
            role_choices=results.ROLES,
            pair_types=results.PAIR_TYPES,
            query=self.request.GET.urlencode(),
            chosen=self.request.GET,
        )
        return context


class SurveyExport(ResultsMixin, View):
    permission = "surveys.export_results"

    def get(self, request, *args, **kwargs):
        fmt = kwargs["fmt"]
        if fmt not in results.FORMATS:
            raise Http404("No such format.")
        data = results.export(
            self.survey, fmt, viewer=request.user, filters=self.filters
        )
        response = HttpResponse(data, content_type=results.FORMATS[fmt])
        name = f"survey-{self.survey.pk}-results.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class PulseCheckAnswer(EditionScopedMixin, TemplateView):
    scope_permission = "surveys.see_pulse"
    permission = "surveys.answer_pulse"
    template_name = "surveys/pulse/answer.html"

    def get_permission_object(self):
        return self.check

    @cached_property
    def check(self):
        return get_object_or_404(
            PulseCheck.objects.select_related(
                "pair__edition", "pair__mentor__person", "pair__mentee__person"
            ),
            pair__edition=self.edition,
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.request.user
        context.update(
            check=self.check,
            partner=self.check.pair.partner_of(person),
            mine=PulseAnswer.objects.filter(pulse=self.check, person=person).first(),
            questions=pulse.QUESTIONS,
            scale=[str(v) for v in range(1, 6)],
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            pulse.answer_pulse(
                self.check,
                actor=request.user,
                going=request.POST.get("going", ""),
                useful=request.POST.get("useful", ""),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.render_to_response(self.get_context_data())
        messages.success(request, "Thank you: your pulse answers are saved.")
        return redirect("surveys:mine", edition=self.edition.slug)
