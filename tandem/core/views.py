"""View plumbing shared by every app: edition scope and named permissions."""

import logging
import sys

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404, HttpResponseServerError, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.views.generic import TemplateView, View

from tandem.core.middleware import (
    DATABASE_ERRORS,
    database_unavailable,
    drop_broken_connections,
)
from tandem.core.models import AuditEntry
from tandem.core.paging import paginate
from tandem.programs.models import Edition
from tandem.programs.roles import roles_for

logger = logging.getLogger(__name__)


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


class AuditLog(EditionScopedMixin, TemplateView):
    """The edition's audit trail, newest first, for its international coordinator."""

    permission = "core.view_audit"
    template_name = "core/audit/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = AuditEntry.objects.filter(edition=self.edition).select_related(
            "actor", "association"
        )
        pager = paginate(self.request, entries)
        context.update(entries=pager.rows, pager=pager)
        return context


@method_decorator(login_not_required, name="dispatch")
class Healthz(View):
    """Database state for load balancers and monitors: no log-in, no personal data."""

    def get(self, request):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DATABASE_ERRORS as error:
            drop_broken_connections()
            logger.warning("healthz.database_failing error=%s", type(error).__name__)
            return JsonResponse(
                {"status": "failing", "database": "failing"}, status=503
            )
        return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request):
    """The 500 handler: a database that went away gets the friendly 503 page."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_ERRORS):
        return database_unavailable(request)
    return HttpResponseServerError(render_to_string("500.html"))
