"""The person's own privacy pages; no URL here names anyone, so each acts on
the person signed in and nobody else."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.generic import TemplateView, View

from tandem.core import clock
from tandem.privacy.domain import consent, erasure, export
from tandem.privacy.forms import EraseForm


class OwnDataMixin:
    permission = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PrivacyHome(OwnDataMixin, TemplateView):
    permission = "privacy.see_own_data"
    template_name = "privacy/home.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "erase_refusal": erasure.refusal(self.request.user),
        }


class MyDataPage(OwnDataMixin, TemplateView):
    """The readable copy: every section as a table, printable as it is."""

    permission = "privacy.see_own_data"
    template_name = "privacy/data/show.html"

    def get_context_data(self, **kwargs):
        sections = export.download(self.request.user, actor=self.request.user)
        return {
            **super().get_context_data(**kwargs),
            "sections": export.readable(sections),
            "made_at": clock.now(),
        }


class MyDataJson(OwnDataMixin, View):
    permission = "privacy.see_own_data"

    def get(self, request, *args, **kwargs):
        sections = export.download(request.user, actor=request.user)
        body = json.dumps(
            export.as_json(sections),
            cls=DjangoJSONEncoder,
            ensure_ascii=False,
            indent=2,
        )
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="my-tandem-data.json"'
        return response


class ConsentWithdraw(OwnDataMixin, TemplateView):
    permission = "privacy.withdraw_own_consent"
    template_name = "privacy/consent/withdraw.html"

    def post(self, request, *args, **kwargs):
        if consent.withdraw_consent(request.user, actor=request.user):
            messages.success(
                request,
                "Your consent is withdrawn: Tandem sends you no more e-mail and "
                "no more surveys.",
            )
        return redirect("privacy:home")


class AccountErase(OwnDataMixin, View):
    """Asks for the password again; after erasure the person is signed out."""

    permission = "privacy.erase_own_account"
    template_name = "privacy/erase/confirm.html"

    def get(self, request, *args, **kwargs):
        return self._page(EraseForm(person=request.user))

    def post(self, request, *args, **kwargs):
        form = EraseForm(request.POST, person=request.user, request=request)
        if not form.is_valid():
            return self._page(form)
        try:
            erasure.erase_person(request.user, actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self._page(form)
        logout(request)
        return render(request, "privacy/erase/done.html")

    def _page(self, form):
        refusal = erasure.refusal(self.request.user)
        return render(
            self.request, self.template_name, {"form": form, "refusal": refusal}
        )
