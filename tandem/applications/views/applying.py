"""A member's own applications: the form, LinkedIn prefill, the state, withdrawing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import FormView, TemplateView, View

from tandem.applications.domain import applying, linkedin
from tandem.applications.forms import ApplicationAnswersForm, LinkedInExportForm
from tandem.applications.models import Application
from tandem.applications.views.base import role_from
from tandem.core.views import EditionScopedMixin
from tandem.programs.models import Association

PREFILL_KEY = "applications.linkedin_prefill"


class ApplicationApply(EditionScopedMixin, FormView):
    permission = "applications.apply"
    template_name = "applications/applying/edit.html"
    form_class = ApplicationAnswersForm

    def dispatch(self, request, *args, **kwargs):
        self.role = role_from(kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        form = applying.form_for(self.edition, self.role)
        existing = Application.objects.filter(
            person=self.request.user, edition=self.edition, role=self.role
        ).first()
        kwargs = super().get_form_kwargs()
        kwargs.update(
            instance=existing or Application(role=self.role),
            associations=Association.objects.filter(pk__in=self.roles.member_of),
            questions=form.questions.all(),
            role=self.role,
            privacy=form,
        )
        if existing is None:
            prefill = self.request.session.get(PREFILL_KEY, {}).get(self.role, {})
            kwargs["initial"] = _prefill_initial(prefill)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        instance = context["form"].instance
        context.update(
            role=self.role,
            application=instance if instance.pk else None,
            window=applying.application_window(self.edition),
            is_open=applying.window_is_open(self.edition),
            privacy=applying.form_for(self.edition, self.role),
            linkedin_form=LinkedInExportForm(),
        )
        return context

    def form_valid(self, form):
        submit = self.request.POST.get("action") == "submit"
        try:
            applying.save_application(
                self.request.user,
                self.edition,
                form.cleaned_data["association"],
                self.role,
                form.answers(),
                actor=self.request.user,
                submit=submit,
                consent=form.cleaned_data["consent"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
            return self.form_invalid(form)
        self.request.session.pop(PREFILL_KEY, None)
        text = "Your application is submitted." if submit else "Your draft is saved."
        messages.success(self.request, text)
        return redirect("applications:mine", edition=self.edition.slug)


def _add_errors(form, exc):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _prefill_initial(prefill):
    initial = dict(prefill)
    for name in ("other_languages", "tags", "availability"):
        if name in initial:
            initial[f"{name}_text"] = ", ".join(initial.pop(name))
    return initial


class LinkedInPrefill(EditionScopedMixin, View):
    permission = "applications.apply"

    def post(self, request, *args, **kwargs):
        role = role_from(kwargs)
        form = LinkedInExportForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors.get("archive", [])))
            return redirect("applications:apply", edition=self.edition.slug, role=role)
        upload = form.cleaned_data["archive"]
        try:
            answers = linkedin.read_linkedin_export(upload.read())
        except linkedin.ExportRefused as exc:
            messages.error(request, f"{upload.name}: {exc}")
        else:
            prefill = request.session.get(PREFILL_KEY, {})
            prefill[role] = answers
            request.session[PREFILL_KEY] = prefill
            messages.success(request, "Filled in from your LinkedIn export; check it.")
        return redirect("applications:apply", edition=self.edition.slug, role=role)


class MyApplications(EditionScopedMixin, TemplateView):
    permission = "applications.apply"
    template_name = "applications/applying/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            applications=Application.objects.filter(
                person=self.request.user, edition=self.edition
            ).select_related("association"),
            is_open=applying.window_is_open(self.edition),
            window=applying.application_window(self.edition),
        )
        return context


class ApplicationWithdraw(EditionScopedMixin, View):
    scope_permission = "applications.see_own"
    permission = "applications.withdraw"

    def get_permission_object(self):
        return get_object_or_404(
            Application, edition=self.edition, pk=self.kwargs["pk"]
        )

    def post(self, request, *args, **kwargs):
        try:
            applying.withdraw_application(
                self.get_permission_object(), actor=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Your application is withdrawn.")
        return redirect("applications:mine", edition=self.edition.slug)
