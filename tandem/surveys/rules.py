"""Named permissions of surveys and the pair pulse.

Rules receive an Edition, a Survey or a PulseCheck. Results are for coordinators;
which answers they reach (their associations only, groups of five or more) is the
business of ``domain.results``, not of these rules. A pulse check is visible to
the two people of its pair only: coordinators hear of a low answer through a case.
Writing surveys and the pulse rule is the international coordinator's alone.
"""

import rules

from tandem.mentoring.rules import is_in_pair, is_member_in_edition
from tandem.programs.rules import is_international_coordinator, is_national_coordinator
from tandem.surveys.domain.answering import application_for


@rules.predicate
def in_audience(person, survey):
    return application_for(person, survey) is not None


coordinator = is_international_coordinator | is_national_coordinator

rules.add_perm("surveys.view_mine", is_member_in_edition)
rules.add_perm("surveys.view_surveys", coordinator)
rules.add_perm("surveys.see_survey", coordinator | in_audience)
rules.add_perm("surveys.answer_survey", in_audience)
rules.add_perm("surveys.view_results", coordinator)
rules.add_perm("surveys.export_results", coordinator)
rules.add_perm("surveys.author_surveys", is_international_coordinator)
rules.add_perm("surveys.edit_pulse_rule", is_international_coordinator)
rules.add_perm("surveys.see_pulse", is_in_pair)
rules.add_perm("surveys.answer_pulse", is_in_pair)
