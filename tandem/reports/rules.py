"""Named permissions of reports: coordinators see the associations they hold."""

import rules

from tandem.programs.rules import is_international_coordinator, is_national_coordinator

coordinator = is_international_coordinator | is_national_coordinator

rules.add_perm("reports.view", coordinator)
rules.add_perm("reports.export", coordinator)
