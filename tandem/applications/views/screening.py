"""Coordinators' side: the list, one application, reviews, decisions, exports."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView, View

from tandem.applications.domain import exporting, queries, screening
from tandem.applications.domain.membership import membership_of
from tandem.applications.forms import (
    ApplicationFilterForm,
    DecisionTemplateForm,
    ReviewForm,
)
from tandem.applications.models import Application
from tandem.applications.views.base import ApplicationScopedMixin
from tandem.core import conflicts
from tandem.core.paging import back_to, paginate
from tandem.core.views import EditionScopedMixin

# The decision buttons say what clicking them does; the recorded decision keeps
# its own wording ("accepted", "waitlisted", "rejected").
DECISION_ACTIONS = (
    (Application.Decision.ACCEPTED, "accept"),
    (Application.Decision.WAITLISTED, "waitlist"),
    (Application.Decision.REJECTED, "reject"),
)


def filter_form(request, edition, visible):
    """The filters of the list and of its export, from the same query string."""
    associations = edition.associations.filter(pk__in=visible.values("association"))
    return ApplicationFilterForm(request.GET, associations=associations)


class ApplicationList(EditionScopedMixin, TemplateView):
    permission = "applications.view_list"
    template_name = "applications/screening/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible = queries.visible_applications(self.request.user, self.edition)
        form = filter_form(self.request, self.edition, visible)
        filters = form.filters()
        pager = paginate(
            self.request, queries.filtered(queries.with_scores(visible), filters)
        )
        context.update(
            applications=pager.rows,
            pager=pager,
            params={name: form.data.get(name, "") for name in filters},
            ignored=form.ignored(),
            associations=form.fields["association"].choices[1:],
            can_decide=self.request.user.has_perm("applications.decide", self.edition),
            choices={
                "role": Application._meta.get_field("role").choices,
                "state": Application.State.choices,
                "decision": Application.Decision.choices,
                "preference": Application.Preference.choices,
            },
            sorts=queries.SORTS,
        )
        return context


class ApplicationDetail(ApplicationScopedMixin, TemplateView):
    template_name = "applications/screening/show.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.application
        reviews = list(application.reviews.select_related("reviewer"))
        mine = next((r for r in reviews if r.reviewer_id == self.request.user.pk), None)
        context.update(
            application=application,
            reviews=reviews,
            membership=membership_of(application),
            review_form=ReviewForm(
                instance=mine,
                initial={"seen": conflicts.stamp(mine.updated_at if mine else None)},
            ),
            can_decide=self.request.user.has_perm("applications.decide", application),
            decisions=DECISION_ACTIONS,
            consents=application.consents.all()[:5],
            extra_answers=[
                (question, exporting.answer_text(answer))
                for question, answer in application.extra_answers.items()
            ],
        )
        return context


class ApplicationReview(ApplicationScopedMixin, View):
    permission = "applications.review"

    def post(self, request, *args, **kwargs):
        form = ReviewForm(request.POST)
        if form.is_valid():
            try:
                screening.review_application(
                    self.application, actor=request.user, **form.cleaned_data
                )
            except conflicts.EditConflict as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, "Your review is saved.")
        else:
            messages.error(request, "A review needs both scores from 1 to 5.")
        return redirect(
            "applications:detail", edition=self.edition.slug, pk=self.application.pk
        )


class ApplicationDecide(ApplicationScopedMixin, View):
    permission = "applications.decide"

    def post(self, request, *args, **kwargs):
        decision = request.POST.get("decision", "")
        try:
            screening.decide_application(
                self.application,
                decision,
                actor=request.user,
                seen=request.POST.get("decided", ""),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Decision recorded: {decision}.")
        return redirect(
            "applications:detail", edition=self.edition.slug, pk=self.application.pk
        )


class ApplicationDecideBulk(EditionScopedMixin, View):
    permission = "applications.decide"

    def post(self, request, *args, **kwargs):
        ids = [int(pk) for pk in request.POST.getlist("application") if pk.isdigit()]
        chosen = list(Application.objects.filter(edition=self.edition, pk__in=ids))
        decision = request.POST.get("decision", "")
        if not chosen:
            messages.error(request, "Choose at least one application.")
        else:
            try:
                screening.decide_applications(
                    chosen,
                    decision,
                    actor=request.user,
                    seen={
                        a.pk: request.POST.get(f"decided-{a.pk}", "") for a in chosen
                    },
                )
            except ValidationError as exc:
                messages.error(request, "Nothing decided. " + " ".join(exc.messages))
            else:
                messages.success(request, f"{len(chosen)} applications: {decision}.")
        # Back to the page the rows were chosen on, with its filters and sort.
        return redirect(
            back_to(reverse("applications:list", args=[self.edition.slug]), request)
        )


class ApplicationExport(EditionScopedMixin, View):
    permission = "applications.export"

    def get(self, request, *args, **kwargs):
        fmt = kwargs["fmt"]
        if fmt not in exporting.FORMATS:
            raise Http404("No such format.")
        visible = queries.visible_applications(request.user, self.edition)
        # A filter that does not hold is left out, as on the list the link came
        # from, which named it; the file holds what that page showed.
        filters = filter_form(request, self.edition, visible).filters()
        applications = queries.filtered(queries.with_scores(visible), filters)
        scope = self.roles.national_of
        data = exporting.export_applications(
            applications,
            fmt,
            actor=request.user,
            edition=self.edition,
            association=(
                self.edition.associations.get(pk=next(iter(scope)))
                if len(scope) == 1 and not self.roles.international
                else None
            ),
        )
        response = HttpResponse(data, content_type=exporting.FORMATS[fmt])
        name = f"applications-{self.edition.slug}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class DecisionTemplateEdit(EditionScopedMixin, FormView):
    permission = "applications.edit_templates"
    template_name = "applications/screening/template.html"
    form_class = DecisionTemplateForm

    def dispatch(self, request, *args, **kwargs):
        if kwargs["decision"] not in Application.Decision.values:
            raise Http404("No such decision.")
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        template = screening.template_for(self.edition, self.kwargs["decision"])
        return {"subject": template.subject, "body": template.body}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            decision=self.kwargs["decision"],
            placeholders=screening.PLACEHOLDERS,
            decisions=Application.Decision.choices,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            screening.save_decision_template(
                self.edition,
                self.kwargs["decision"],
                form.cleaned_data["subject"],
                form.cleaned_data["body"],
                actor=self.request.user,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field, errors)
            return self.form_invalid(form)
        messages.success(self.request, "The e-mail template is saved.")
        return redirect(
            "applications:template",
            edition=self.edition.slug,
            decision=self.kwargs["decision"],
        )
