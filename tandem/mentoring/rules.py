"""Named permissions of mentoring.

Rules receive an Edition, a Pair, a Meeting, a Case or an ``AssociationInEdition``.
A national coordinator *tracks* the pairs whose mentee is its member and *knows of*
the international pairs whose mentor is: those it sees exist, with their activity,
and nothing more. Private notes have no rule: only their author's own queries
ever load them.
"""

import rules

from tandem.programs.roles import roles_for
from tandem.programs.rules import (
    coordinates_this_association,
    is_international_coordinator,
    is_national_coordinator,
)


def _pair(obj):
    return getattr(obj, "pair", obj)


@rules.predicate
def is_member_in_edition(person, obj):
    return bool(roles_for(person, getattr(obj, "edition", obj)).member_of)


@rules.predicate
def is_in_pair(person, obj):
    return getattr(person, "pk", None) in _pair(obj).person_ids()


@rules.predicate
def tracks_pair(person, obj):
    pair = _pair(obj)
    return pair.mentee.association_id in roles_for(person, pair.edition).national_of


@rules.predicate
def knows_of_pair(person, obj):
    pair = _pair(obj)
    return pair.mentor.association_id in roles_for(person, pair.edition).national_of


@rules.predicate
def logged_it(person, meeting):
    return meeting.logged_by_id == getattr(person, "pk", None)


@rules.predicate
def coordinates_case(person, case):
    return case.association_id in roles_for(person, case.edition).national_of


coordinator = is_international_coordinator | is_national_coordinator
manages_pair = is_international_coordinator | tracks_pair

rules.add_perm("mentoring.view_own_pair", is_member_in_edition)
rules.add_perm("mentoring.see_pair", is_in_pair | manages_pair | knows_of_pair)
rules.add_perm("mentoring.see_pair_details", is_in_pair | manages_pair)
rules.add_perm("mentoring.accept_contract", is_in_pair)
rules.add_perm("mentoring.log_meeting", is_in_pair)
rules.add_perm("mentoring.raise_concern", is_in_pair)
rules.add_perm("mentoring.respond_meeting", is_in_pair & ~logged_it)
rules.add_perm("mentoring.change_pair_state", manages_pair)
rules.add_perm("mentoring.review_checkpoint", manages_pair)
rules.add_perm("mentoring.view_pairs", coordinator)
rules.add_perm("mentoring.view_checkpoint", coordinator)
rules.add_perm(
    "mentoring.see_association_checkpoint",
    is_international_coordinator | coordinates_this_association,
)
rules.add_perm("mentoring.export_checkpoint", is_international_coordinator)
rules.add_perm("mentoring.edit_contract", is_international_coordinator)
rules.add_perm("mentoring.edit_rule", is_international_coordinator)
rules.add_perm("mentoring.view_cases", coordinator)
rules.add_perm("mentoring.open_case", coordinator)
rules.add_perm("mentoring.see_case", is_international_coordinator | coordinates_case)
