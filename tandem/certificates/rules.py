"""Named permissions of certificates.

Rules receive an Edition or a Certificate. The verification page has no rule: it
is public and shows only the name, role, edition and validity.
"""

import rules

from tandem.programs.roles import roles_for
from tandem.programs.rules import is_international_coordinator


@rules.predicate
def is_member_in_edition(person, obj):
    return bool(roles_for(person, getattr(obj, "edition", obj)).member_of)


@rules.predicate
def holds_it(person, certificate):
    return certificate.person_id == getattr(person, "pk", None)


rules.add_perm("certificates.view_own", is_member_in_edition)
rules.add_perm("certificates.manage", is_international_coordinator)
rules.add_perm("certificates.see_certificate", holds_it | is_international_coordinator)
rules.add_perm("certificates.download", holds_it | is_international_coordinator)
rules.add_perm("certificates.revoke", is_international_coordinator)
