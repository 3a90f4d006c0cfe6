"""What a person is in one edition: the facts every permission rule reads."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.functional import LazyObject, empty

from tandem.programs.models import EditionAssociation, RoleGrant


@dataclass(frozen=True)
class EditionRoles:
    international: bool = False
    national_of: frozenset = frozenset()
    training_partner: bool = False
    member_of: frozenset = frozenset()

    @property
    def coordinator(self):
        return self.international or bool(self.national_of)

    @property
    def anything(self):
        return self.coordinator or self.training_partner or bool(self.member_of)


NOBODY = EditionRoles()


def roles_for(person, edition):
    """The person's roles in the edition, computed once per person object."""
    if not getattr(person, "is_authenticated", False) or edition is None:
        return NOBODY
    cache = _person_itself(person).__dict__.setdefault("_tandem_roles", {})
    if edition.pk not in cache:
        cache[edition.pk] = _load_roles(person, edition)
    return cache[edition.pk]


def _person_itself(person):
    """The Person behind ``request.user``'s lazy wrapper.

    Permission rules receive the Person itself (``has_perm`` runs on it) while
    templates and context processors hold the wrapper, whose ``__dict__`` is its
    own: caching on the wrapper loaded every page's roles twice.
    """
    if isinstance(person, LazyObject):
        if person._wrapped is empty:
            person._setup()
        return person._wrapped
    return person


def _load_roles(person, edition):
    grants = list(
        RoleGrant.objects.filter(person=person, edition=edition).values_list(
            "role", "association_id"
        )
    )
    joined = EditionAssociation.objects.filter(edition=edition).values("association_id")
    member_of = person.memberships.filter(association_id__in=joined).values_list(
        "association_id", flat=True
    )
    return EditionRoles(
        international=any(role == RoleGrant.Role.INTERNATIONAL for role, _ in grants),
        national_of=frozenset(
            assoc for role, assoc in grants if role == RoleGrant.Role.NATIONAL
        ),
        training_partner=any(
            role == RoleGrant.Role.TRAINING_PARTNER for role, _ in grants
        ),
        member_of=frozenset(member_of),
    )


def editions_of(person):
    """Editions in which the person has any role or membership, newest first."""
    from tandem.programs.models import Edition

    if not getattr(person, "is_authenticated", False):
        return Edition.objects.none()
    # Two subqueries rather than a UNION: SQLite refuses a UNION of querysets that
    # carry Edition's default ordering.
    granted = RoleGrant.objects.filter(person=person).values("edition_id")
    joined = EditionAssociation.objects.filter(
        association__in=person.memberships.values("association_id")
    ).values("edition_id")
    return Edition.objects.filter(Q(pk__in=granted) | Q(pk__in=joined)).order_by(
        "-starts_on"
    )
