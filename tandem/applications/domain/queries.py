"""Application lists as each coordinator may see them."""

from django.db.models import Avg, Count, F, FloatField, Max, Min, OuterRef, Subquery
from django.db.models.functions import Cast

from tandem.applications.models import Application, Review
from tandem.people.models import Membership
from tandem.programs.roles import roles_for

SORTS = {
    "name": "person__full_name",
    "-name": "-person__full_name",
    "score": "mean_score",
    "-score": "-mean_score",
    "reviews": "review_count",
    "-reviews": "-review_count",
    "submitted": "submitted_at",
    "-submitted": "-submitted_at",
}


def visible_applications(person, edition):
    """Every application of the edition for its international coordinator; only
    their associations' for national coordinators; nothing for anyone else."""
    roles = roles_for(person, edition)
    applications = Application.objects.filter(edition=edition)
    if roles.international:
        return applications
    return applications.filter(association__in=roles.national_of)


def with_scores(applications):
    """Mean of both scores over all reviews, their spread, and the review count.

    SQLite has no standard deviation, so the spread is the range (max − min) of the
    per-review averages on every database.
    """
    per_review = Cast(F("maturity") + F("motivation"), FloatField()) / 2.0
    reviews = Review.objects.filter(application=OuterRef("pk")).values("application")
    membership = Membership.objects.filter(
        person=OuterRef("person"), association=OuterRef("association")
    ).values("state")[:1]
    return applications.annotate(
        mean_score=Subquery(
            reviews.annotate(v=Avg(per_review)).values("v"), output_field=FloatField()
        ),
        spread=Subquery(
            reviews.annotate(v=_spread(per_review)).values("v"),
            output_field=FloatField(),
        ),
        review_count=Subquery(
            reviews.annotate(v=Count("pk")).values("v"), output_field=FloatField()
        ),
        membership_state=Subquery(membership),
    ).select_related("person", "association")


def _spread(expression):
    return Max(expression) - Min(expression)


def filtered(applications, params):
    """Filter by association, role, state, decision, preference and minimum score."""
    if params.get("association"):
        applications = applications.filter(association__country=params["association"])
    for name in ("role", "state", "decision", "preference"):
        if params.get(name):
            applications = applications.filter(**{name: params[name]})
    if params.get("min_score"):
        applications = applications.filter(mean_score__gte=float(params["min_score"]))
    return applications.order_by(
        SORTS.get(params.get("sort"), "person__full_name"), "pk"
    )
