"""The international coordinator's form setup: privacy notice and extra questions."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.views.generic import TemplateView

from tandem.applications.domain import applying
from tandem.applications.forms import QuestionFormSet
from tandem.applications.models import Role
from tandem.applications.views.base import role_from
from tandem.core import audit
from tandem.core.views import EditionScopedMixin


class FormList(EditionScopedMixin, TemplateView):
    permission = "applications.edit_forms"
    template_name = "applications/forms/list.html"

    def get_context_data(self, **kwargs):
        forms = [applying.form_for(self.edition, role) for role in Role.values]
        return super().get_context_data(forms=forms, **kwargs)


class FormEdit(EditionScopedMixin, TemplateView):
    permission = "applications.edit_forms"
    template_name = "applications/forms/edit.html"

    def dispatch(self, request, *args, **kwargs):
        self.role = role_from(kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        form = applying.form_for(self.edition, self.role)
        formset = kwargs.pop("formset", None) or QuestionFormSet(instance=form)
        kwargs.update(application_form=form, formset=formset, role=self.role)
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = applying.form_for(self.edition, self.role)
        formset = QuestionFormSet(request.POST, instance=form)
        if not formset.is_valid():
            return self.render_to_response(self.get_context_data(formset=formset))
        with transaction.atomic():
            form.privacy_notice = request.POST.get(
                "privacy_notice", form.privacy_notice
            )
            form.privacy_version = (
                request.POST.get("privacy_version", "").strip() or form.privacy_version
            )
            form.save(update_fields=["privacy_notice", "privacy_version"])
            formset.save()
            audit.record(
                "application_form.saved", form, actor=request.user, edition=self.edition
            )
        messages.success(request, "The form is saved.")
        return redirect(
            "applications:form_edit", edition=self.edition.slug, role=self.role
        )
