"""Named permissions of matching.

Rules receive an Edition, a MatchRun or a Suggestion (each has ``edition``). The
international coordinator runs and changes matching; a national coordinator sees
the proposals that involve its members and files suggestions about them.
"""

import rules

from tandem.programs.rules import is_international_coordinator, is_national_coordinator

coordinator = is_international_coordinator | is_national_coordinator

rules.add_perm("matching.view_board", coordinator)
rules.add_perm("matching.export", coordinator)
rules.add_perm("matching.run", is_international_coordinator)
rules.add_perm("matching.change", is_international_coordinator)
rules.add_perm("matching.publish", is_international_coordinator)
rules.add_perm("matching.compare", is_international_coordinator)
rules.add_perm("matching.edit_weights", is_international_coordinator)
rules.add_perm("matching.suggest", is_national_coordinator)
rules.add_perm("matching.decide", is_international_coordinator)
