from django import template

from tandem.core.conflicts import stamp

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.filter
def version_stamp(moment):
    """The version token a form carries for a timestamp it shows (see conflicts)."""
    return stamp(moment)
