from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from tandem.applications.models import Application, Role
from tandem.core.views import EditionScopedMixin


class ApplicationScopedMixin(EditionScopedMixin):
    """One application of the URL's edition; another association's answers 404."""

    scope_permission = "applications.see_application"

    def get_permission_object(self):
        return self.application

    @cached_property
    def application(self):
        return get_object_or_404(
            Application.objects.select_related("person", "association", "edition"),
            edition=self.edition,
            pk=self.kwargs["pk"],
        )


def role_from(kwargs):
    if kwargs["role"] not in Role.values:
        raise Http404("No such form.")
    return kwargs["role"]
