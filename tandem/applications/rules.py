"""Named permissions of applications.

Rules receive an Edition, an Application, or an ``AssociationInEdition``. A national
coordinator's scope is its own association; the international coordinator's is the
whole edition. Views check a scope rule first (404) and then the action (403).
"""

import rules

from tandem.programs.roles import roles_for
from tandem.programs.rules import (
    coordinates_this_association,
    is_international_coordinator,
    is_national_coordinator,
)


@rules.predicate
def is_member_in_edition(person, obj):
    return bool(roles_for(person, getattr(obj, "edition", obj)).member_of)


@rules.predicate
def is_applicant(person, application):
    return application.person_id == getattr(person, "pk", None)


coordinator = is_international_coordinator | is_national_coordinator
in_scope = is_international_coordinator | coordinates_this_association

rules.add_perm("applications.apply", is_member_in_edition)
rules.add_perm("applications.see_own", is_applicant)
rules.add_perm("applications.withdraw", is_applicant)
rules.add_perm("applications.view_list", coordinator)
rules.add_perm("applications.see_application", in_scope)
rules.add_perm("applications.review", in_scope)
rules.add_perm("applications.verify_membership", in_scope)
rules.add_perm("applications.upload_member_list", is_national_coordinator)
rules.add_perm("applications.decide", is_international_coordinator)
rules.add_perm("applications.import", coordinator)
rules.add_perm("applications.export", coordinator)
rules.add_perm("applications.edit_forms", is_international_coordinator)
rules.add_perm("applications.edit_templates", is_international_coordinator)
rules.add_perm("applications.upload_promotion", is_international_coordinator)
rules.add_perm("applications.download_promotion", coordinator)
rules.add_perm("applications.merge_duplicates", in_scope)


@rules.predicate
def started_the_import(person, job):
    return job.uploaded_by_id == getattr(person, "pk", None)


@rules.predicate
def coordinates_the_edition(person, job):
    return roles_for(person, job.edition).international


rules.add_perm("applications.see_import", started_the_import | coordinates_the_edition)
