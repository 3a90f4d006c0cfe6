"""Membership checks: one applicant at a time, or a whole member list."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView, View

from tandem.applications.domain import membership
from tandem.applications.domain.importing import read_upload
from tandem.applications.domain.queries import visible_applications
from tandem.applications.forms import MemberListUploadForm
from tandem.applications.views.base import ApplicationScopedMixin
from tandem.core.paging import back_to, paginate
from tandem.core.views import EditionScopedMixin
from tandem.people.models import Membership
from tandem.programs.models import Association
from tandem.tabular.errors import EncodingQuestion, FileRefused


class MembershipList(EditionScopedMixin, TemplateView):
    permission = "applications.view_list"
    template_name = "applications/membership/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pager = paginate(self.request, self.applicants())
        context.update(
            applicants=pager.rows,
            pager=pager,
            upload_form=kwargs.get("upload_form") or MemberListUploadForm(),
            can_upload=bool(self.roles.national_of),
        )
        return context

    def applicants(self):
        state = Membership.objects.filter(
            person=OuterRef("person"), association=OuterRef("association")
        ).values("state")[:1]
        return (
            visible_applications(self.request.user, self.edition)
            .exclude(state="withdrawn")
            .annotate(membership_state=Subquery(state))
            .select_related("person", "association")
            .order_by("association__country", "person__full_name", "role", "pk")
        )

    def post(self, request, *args, **kwargs):
        if not self.roles.national_of:
            messages.error(
                request, "Member lists are uploaded by national coordinators."
            )
            return redirect("applications:members", edition=self.edition.slug)
        form = MemberListUploadForm(request.POST, request.FILES)
        context = {"upload_form": form}
        if form.is_valid():
            context.update(self.apply_list(form.cleaned_data["file"]))
        return self.render_to_response(self.get_context_data(**context))

    def apply_list(self, upload):
        association = Association.objects.get(pk=min(self.roles.national_of))
        try:
            table = read_upload(upload.read(), upload.name, association=association)
            members, report = membership.apply_member_list(
                self.edition, association, table, actor=self.request.user
            )
        except FileRefused as exc:
            return {"refusal": f"{exc.filename}: {exc.reason}"}
        except EncodingQuestion as exc:
            return {
                "refusal": f"{exc.filename}: the file is not UTF-8; set your "
                "association's code page or save the list as CSV UTF-8."
            }
        return {"member_list": members, "report": report, "association": association}


class MembershipVerify(ApplicationScopedMixin, View):
    permission = "applications.verify_membership"

    def post(self, request, *args, **kwargs):
        state = request.POST.get("state", Membership.State.VERIFIED)
        try:
            membership.verify_membership(
                self.application, actor=request.user, state=state
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, f"Membership of {self.application.person.full_name}: {state}."
            )
        target = request.POST.get("next") == "detail"
        if target:
            return redirect(
                "applications:detail", edition=self.edition.slug, pk=self.application.pk
            )
        # Back to the page of the list the button was on.
        return redirect(
            back_to(reverse("applications:members", args=[self.edition.slug]), request)
        )
