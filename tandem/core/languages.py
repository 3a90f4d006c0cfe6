"""Language names as Tandem stores them: English names of ISO 639 languages."""

from functools import cache

import pycountry


@cache
def language_names():
    names = {lang.name for lang in pycountry.languages if hasattr(lang, "alpha_2")}
    return sorted(names)


def language_choices():
    return [(name, name) for name in language_names()]


def is_known_language(name):
    return name in set(language_names())
