from tandem.programs.roles import editions_of, roles_for


def navigation(request):
    """The editions a person can switch between and their roles in the current one."""
    person = getattr(request, "user", None)
    if person is None or not person.is_authenticated:
        return {}
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("edition") if match else None
    editions = list(editions_of(person))
    current = next((e for e in editions if e.slug == slug), None)
    return {
        "nav_editions": editions,
        "nav_edition": current,
        "nav_roles": roles_for(person, current) if current else None,
    }
