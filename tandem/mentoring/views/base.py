from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from tandem.core.views import EditionScopedMixin
from tandem.mentoring.models import Pair


class PairScopedMixin(EditionScopedMixin):
    """One pair of the URL's edition; a pair outside the person's scope answers 404."""

    scope_permission = "mentoring.see_pair"

    def get_permission_object(self):
        return self.pair

    @cached_property
    def pair(self):
        return get_object_or_404(
            Pair.objects.select_related(
                "edition",
                "mentor__person",
                "mentor__association",
                "mentee__person",
                "mentee__association",
            ),
            edition=self.edition,
            pk=self.kwargs["pk"],
        )


def form_errors(form):
    return " ".join(
        f"{form.fields[name].label or name}: {error}" if name != "__all__" else error
        for name, errors in form.errors.items()
        for error in errors
    )
