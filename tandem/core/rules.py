"""Named permissions of the platform's own pages."""

import rules

from tandem.programs.rules import is_international_coordinator

rules.add_perm("core.view_audit", is_international_coordinator)
