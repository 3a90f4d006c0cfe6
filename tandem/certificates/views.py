"""Certificate pages: the coordinator's list, issuing, settings; the holder's page
and download; the public verification page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.views.generic import TemplateView, View

from tandem.applications.models import Role
from tandem.certificates.domain import eligibility, issuing, rendering, setup
from tandem.certificates.forms import (
    BulkForm,
    ImageForm,
    IssueForm,
    RevokeForm,
    RuleForm,
    TemplateForm,
)
from tandem.certificates.models import Certificate, CertificateImage, IssueJob
from tandem.core.views import EditionScopedMixin
from tandem.people.models import Person


def site_url(request):
    return request.build_absolute_uri("/")


def errors_of(form):
    return " ".join(error for errors in form.errors.values() for error in errors)


class CertificateList(EditionScopedMixin, TemplateView):
    """Who is eligible and why not, with their certificates, for one role."""

    permission = "certificates.manage"
    template_name = "certificates/manage/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        role = self.request.GET.get("role", Role.MENTOR)
        if role not in Role.values:
            raise Http404("No such role.")
        rows = eligibility.of_role(self.edition, role)
        held = {}
        for certificate in Certificate.objects.filter(
            edition=self.edition, role=role
        ).order_by("issued_at"):
            held.setdefault(certificate.person_id, []).append(certificate)
        context.update(
            role=role,
            roles=Role.choices,
            rows=[(row, held.get(row.person.pk, [])) for row in rows],
            eligible_count=sum(row.eligible for row in rows),
            job=IssueJob.objects.filter(edition=self.edition, role=role).first(),
        )
        return context


class CertificateIssue(EditionScopedMixin, View):
    permission = "certificates.manage"

    def post(self, request, *args, **kwargs):
        form = IssueForm(request.POST)
        if not form.is_valid():
            messages.error(request, errors_of(form))
            return redirect("certificates:list", edition=self.edition.slug)
        data = form.cleaned_data
        person = get_object_or_404(Person, pk=data["person"])
        try:
            certificate = issuing.issue_certificate(
                self.edition,
                person,
                data["role"],
                actor=request.user,
                site_url=site_url(request),
                override_reason=data["override_reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, f"Certificate {certificate.code} issued to {person}."
            )
        url = reverse("certificates:list", args=[self.edition.slug])
        return redirect(f"{url}?role={data['role']}#person-{person.pk}")


class CertificateBulk(EditionScopedMixin, View):
    permission = "certificates.manage"

    def post(self, request, *args, **kwargs):
        form = BulkForm(request.POST)
        if not form.is_valid():
            messages.error(request, errors_of(form))
            return redirect("certificates:list", edition=self.edition.slug)
        job = issuing.start_bulk(
            self.edition,
            form.cleaned_data["role"],
            actor=request.user,
            site_url=site_url(request),
        )
        return redirect("certificates:job", edition=self.edition.slug, pk=job.pk)


class IssueProgress(EditionScopedMixin, TemplateView):
    """The whole page, or only the bar when htmx polls for it."""

    permission = "certificates.manage"

    def get_template_names(self):
        if self.request.headers.get("HX-Request"):
            return ["certificates/manage/progress.html#bar"]
        return ["certificates/manage/progress.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["job"] = get_object_or_404(
            IssueJob, edition=self.edition, pk=self.kwargs["pk"]
        )
        return context


class CertificateScopedMixin(EditionScopedMixin):
    scope_permission = "certificates.see_certificate"

    @cached_property
    def certificate(self):
        return get_object_or_404(
            Certificate.objects.select_related("edition"),
            edition=self.edition,
            code=self.kwargs["code"],
        )

    def get_permission_object(self):
        return self.certificate


class CertificateDownload(CertificateScopedMixin, View):
    permission = "certificates.download"

    def get(self, request, *args, **kwargs):
        if not self.certificate.pdf:
            # Its holder erased their account, and the file with it.
            raise Http404("This certificate's file was erased.")
        issuing.record_download(self.certificate, actor=request.user)
        response = HttpResponse(bytes(self.certificate.pdf), "application/pdf")
        name = f"certificate-{self.edition.slug}-{self.certificate.code}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class CertificateRevoke(CertificateScopedMixin, View):
    permission = "certificates.revoke"

    def post(self, request, *args, **kwargs):
        form = RevokeForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError("Say why the certificate is revoked.")
            issuing.revoke_certificate(
                self.certificate, form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Certificate {self.certificate.code} revoked.")
        return redirect("certificates:list", edition=self.edition.slug)


class MyCertificates(EditionScopedMixin, TemplateView):
    """The participant's checklist per role and their certificates."""

    permission = "certificates.view_own"
    template_name = "certificates/mine/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            checklists=eligibility.of_person(self.edition, self.request.user),
            certificates=Certificate.objects.filter(
                edition=self.edition, person=self.request.user
            ).order_by("-issued_at"),
        )
        return context


class TemplateEdit(EditionScopedMixin, TemplateView):
    permission = "certificates.manage"
    template_name = "certificates/manage/settings.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault(
            "form",
            TemplateForm(initial={"body": issuing.template_of(self.edition).body}),
        )
        context.update(
            placeholders=rendering.PLACEHOLDERS.items(),
            rules=[
                (eligibility.rule_for(self.edition, role), label)
                for role, label in Role.choices
            ],
            images=CertificateImage.objects.filter(edition=self.edition).only(
                "pk", "kind", "label"
            ),
            image_form=ImageForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = TemplateForm(request.POST)
        if form.is_valid():
            try:
                setup.save_template(
                    self.edition, form.cleaned_data["body"], actor=request.user
                )
            except ValidationError as error:
                form.add_error("body", error)
            else:
                messages.success(request, "Certificate template saved.")
                return redirect("certificates:settings", edition=self.edition.slug)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class RuleEdit(EditionScopedMixin, View):
    permission = "certificates.manage"

    def post(self, request, *args, **kwargs):
        form = RuleForm(request.POST)
        if not form.is_valid():
            messages.error(request, errors_of(form))
        else:
            data = dict(form.cleaned_data)
            rule = eligibility.rule_for(self.edition, data.pop("role"))
            setup.save_rule(rule, actor=request.user, **data)
            messages.success(request, f"Eligibility of {rule.role}s saved.")
        return redirect("certificates:settings", edition=self.edition.slug)


class ImageAdd(EditionScopedMixin, View):
    permission = "certificates.manage"

    def post(self, request, *args, **kwargs):
        form = ImageForm(request.POST, request.FILES)
        try:
            if not form.is_valid():
                raise ValidationError(errors_of(form))
            setup.add_image(
                self.edition,
                form.cleaned_data["kind"],
                form.cleaned_data["label"],
                form.cleaned_data["image"].read(),
                actor=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Image added.")
        return redirect("certificates:settings", edition=self.edition.slug)


class ImageRemove(EditionScopedMixin, View):
    permission = "certificates.manage"

    def post(self, request, *args, **kwargs):
        image = get_object_or_404(
            CertificateImage, edition=self.edition, pk=self.kwargs["pk"]
        )
        setup.remove_image(image, actor=request.user)
        messages.success(request, "Image removed.")
        return redirect("certificates:settings", edition=self.edition.slug)


@method_decorator(login_not_required, name="dispatch")
class CertificateVerify(TemplateView):
    """Public: only the name, role, edition and whether it is valid."""

    template_name = "certificates/verify/show.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["certificate"] = (
            Certificate.objects.filter(code=self.kwargs["code"])
            .select_related("edition")
            .only("name", "role", "edition__name", "revoked_at", "code")
            .first()
        )
        return context

    def render_to_response(self, context, **kwargs):
        status = 200 if context["certificate"] else 404
        return super().render_to_response(context, status=status, **kwargs)
