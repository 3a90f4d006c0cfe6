"""Stored applications that may be one person: the coordinator merges or keeps them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.views.generic import TemplateView, View

from tandem.applications.domain import duplicates, queries
from tandem.applications.views.base import ApplicationScopedMixin


class DuplicateList(ApplicationScopedMixin, TemplateView):
    """Every open pair the coordinator can see; both sides must be in scope."""

    scope_permission = "programs.see_edition"
    permission = "applications.view_list"
    template_name = "applications/duplicates/list.html"

    def get_permission_object(self):
        return self.edition

    def get_context_data(self, **kwargs):
        visible = queries.visible_applications(self.request.user, self.edition)
        return super().get_context_data(pairs=duplicates.open_pairs(visible), **kwargs)


class DuplicateResolve(ApplicationScopedMixin, View):
    """Merge `other` into the URL's application, or keep the two apart."""

    permission = "applications.merge_duplicates"

    @cached_property
    def other(self):
        visible = queries.visible_applications(self.request.user, self.edition)
        return get_object_or_404(
            visible.select_related("person", "association", "edition"),
            pk=self.kwargs["other"],
        )

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        reason = request.POST.get("reason", "")
        try:
            if action == "merge":
                duplicates.merge_applications(
                    self.application, self.other, actor=request.user, reason=reason
                )
                text = (
                    f"{self.other.person.full_name}'s application is merged into "
                    f"{self.application.person.full_name}'s."
                )
            elif action == "keep":
                duplicates.keep_apart(
                    self.application, self.other, actor=request.user, reason=reason
                )
                text = "Both applications are kept; they will not be flagged again."
            else:
                raise ValidationError("Choose merge or keep.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, text)
        return redirect("applications:duplicates", edition=self.edition.slug)
