"""Application lists as each coordinator may see them."""

from django.db.models import Avg, Count, F, FloatField, Max, Min, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce

from tandem.applications.models import Application, Review
from tandem.people.models import Membership
from tandem.programs.roles import roles_for

# Applications without a score or a submission date come last in both
# directions, on SQLite and PostgreSQL alike (they put NULL at opposite ends).
SORTS = {
    "name": F("person__full_name").asc(),
    "-name": F("person__full_name").desc(),
    "score": F("mean_score").asc(nulls_last=True),
    "-score": F("mean_score").desc(nulls_last=True),
    "reviews": F("review_count").asc(),
    "-reviews": F("review_count").desc(),
    "submitted": F("submitted_at").asc(nulls_last=True),
    "-submitted": F("submitted_at").desc(nulls_last=True),
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
    """Mean of both scores over all reviews, their spread, and the review count
    (0, not NULL, without reviews, so it sorts with the others).

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
        review_count=Coalesce(
            Subquery(
                reviews.annotate(v=Count("pk")).values("v"), output_field=FloatField()
            ),
            0.0,
        ),
        membership_state=Subquery(membership),
    ).select_related("person", "association")


def _spread(expression):
    return Max(expression) - Min(expression)


def filtered(applications, filters):
    """Filter by association, role, state, decision, preference and minimum score.

    ``filters`` holds cleaned values (ApplicationFilterForm.filters), never raw
    query-string text: a missing name means no filter on it.
    """
    if filters.get("association"):
        applications = applications.filter(association__country=filters["association"])
    for name in ("role", "state", "decision", "preference"):
        if filters.get(name):
            applications = applications.filter(**{name: filters[name]})
    if filters.get("min_score") is not None:
        applications = applications.filter(mean_score__gte=filters["min_score"])
    return applications.order_by(SORTS.get(filters.get("sort"), SORTS["name"]), "pk")
