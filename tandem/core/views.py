"""View plumbing shared by every app: edition scope and named permissions."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from tandem.programs.models import Edition
from tandem.programs.roles import roles_for


class EditionScopedMixin:
    """Resolve the edition from the URL and check who is asking.

    ``scope_permission`` decides whether the object exists for this person (404 when
    not); ``permission`` whether they may do this with it (403 when not).
    """

    scope_permission = "programs.see_edition"
    permission = None

    def dispatch(self, request, *args, **kwargs):
        self.edition = get_object_or_404(Edition, slug=kwargs["edition"])
        if not request.user.has_perm("programs.see_edition", self.edition):
            raise Http404("No such edition.")
        target = self.get_permission_object()
        if not request.user.has_perm(self.scope_permission, target):
            raise Http404("Not found.")
        if self.permission and not request.user.has_perm(self.permission, target):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.edition

    @cached_property
    def roles(self):
        return roles_for(self.request.user, self.edition)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(edition=self.edition, roles=self.roles)
        return context
