"""One page of a long coordinators' list, and the links to the others.

Lists are cut into pages of ``PAGE_SIZE`` rows so a national coordinator's
thousand applications answer as fast as ten. The page number comes from the
query string; every other parameter there (filters, sort) is carried into the
page links, so moving between pages never loses them.
"""

from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.http import QueryDict

PAGE_SIZE = 100
# Page links around the current page; the first and the last are always shown.
NEIGHBOURS = 2


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None stands for the gap between distant pages
    query: str = ""
    current: bool = False


@dataclass
class Pager:
    page: Page
    query: QueryDict  # the request's parameters without this pager's own
    param: str = "page"

    @property
    def rows(self):
        return self.page.object_list

    @property
    def summary(self):
        """Showing 101–200 of 1,234; nothing for an empty list."""
        count = self.page.paginator.count
        if not count:
            return ""
        first, last = self.page.start_index(), self.page.end_index()
        return f"Showing {first:,}–{last:,} of {count:,}"

    @property
    def previous(self):
        return self._link(self.page.number - 1) if self.page.has_previous() else None

    @property
    def next(self):
        return self._link(self.page.number + 1) if self.page.has_next() else None

    @cached_property
    def links(self):
        last, current = self.page.paginator.num_pages, self.page.number
        shown = {1, last, *range(current - NEIGHBOURS, current + NEIGHBOURS + 1)}
        links, previous = [], 0
        for number in sorted(n for n in shown if 1 <= n <= last):
            if number > previous + 1:
                links.append(PageLink(None))
            links.append(self._link(number))
            previous = number
        return links

    def _link(self, number):
        query = self.query.copy()
        query[self.param] = str(number)
        return PageLink(number, query.urlencode(), number == self.page.number)


def paginate(request, rows, *, per_page=PAGE_SIZE, param="page"):
    """The page of ``rows`` that ``?page=`` (or ``param``, for a second list on
    the same page) names.

    A number past the end shows the last page and anything that is not a number
    the first (Paginator.get_page), so an old bookmark never answers 404.
    ``rows`` must be ordered, or rows could repeat or vanish between pages.
    """
    query = request.GET.copy()
    page = Paginator(rows, per_page).get_page(query.pop(param, [None])[-1])
    return Pager(page, query, param)


def back_to(url, request):
    """``url`` with the list's query string (filters, sort, page) that a form on
    the list sent back as ``back``, re-encoded so only parameters pass."""
    query = QueryDict(request.POST.get("back", "")).urlencode()
    return f"{url}?{query}" if query else url
