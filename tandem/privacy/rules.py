"""Named permissions of the privacy pages: each person, about themselves only.

No URL names a person, so there is nobody else's data to reach; signing in is
the whole check.
"""

import rules

rules.add_perm("privacy.see_own_data", rules.is_authenticated)
rules.add_perm("privacy.withdraw_own_consent", rules.is_authenticated)
rules.add_perm("privacy.erase_own_account", rules.is_authenticated)
