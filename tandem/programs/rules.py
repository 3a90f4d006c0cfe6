"""Named permissions of editions and associations.

Rules receive an Edition, or an object with ``edition`` and ``association``
attributes (see ``AssociationInEdition``). Views check a *scope* rule first and
answer 404 when it fails, then the action's rule and answer 403.
"""

from dataclasses import dataclass

import rules

from tandem.programs.roles import roles_for


@dataclass(frozen=True)
class AssociationInEdition:
    edition: object
    association: object


def _edition_of(obj):
    return getattr(obj, "edition", obj)


@rules.predicate
def is_international_coordinator(person, obj):
    return roles_for(person, _edition_of(obj)).international


@rules.predicate
def is_national_coordinator(person, obj):
    return bool(roles_for(person, _edition_of(obj)).national_of)


@rules.predicate
def is_training_partner(person, obj):
    return roles_for(person, _edition_of(obj)).training_partner


@rules.predicate
def takes_part(person, obj):
    return roles_for(person, _edition_of(obj)).anything


@rules.predicate
def coordinates_this_association(person, obj):
    roles = roles_for(person, obj.edition)
    return obj.association.pk in roles.national_of


rules.add_perm("programs.see_edition", takes_part)
rules.add_perm("programs.view_dashboard", takes_part)
rules.add_perm("programs.view_timeline", takes_part)
rules.add_perm("programs.edit_timeline", is_international_coordinator)
rules.add_perm(
    "programs.view_associations",
    is_international_coordinator | is_national_coordinator,
)
rules.add_perm(
    "programs.see_association",
    is_international_coordinator | coordinates_this_association,
)
rules.add_perm(
    "programs.view_association",
    is_international_coordinator | coordinates_this_association,
)
rules.add_perm("programs.decide_join_requests", is_international_coordinator)
