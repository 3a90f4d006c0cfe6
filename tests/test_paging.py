"""The pager shared by the coordinators' lists: numbers, gaps, text, way back."""

from django.test import RequestFactory

from tandem.core.paging import PageLink, back_to, paginate

ROWS = list(range(1234))


def pager_for(query):
    return paginate(RequestFactory().get("/list/", query), ROWS)


def test_the_summary_names_the_rows_shown_and_all_of_them_with_separators():
    assert pager_for({"page": "2"}).summary == "Showing 101–200 of 1,234"
    assert pager_for({"page": "13"}).summary == "Showing 1,201–1,234 of 1,234"
    assert paginate(RequestFactory().get("/"), []).summary == ""


def test_the_links_show_the_ends_and_two_pages_either_side_with_gaps_between():
    pager = pager_for({"association": "PL", "page": "7"})

    numbers = [link.number for link in pager.links]

    assert numbers == [1, None, 5, 6, 7, 8, 9, None, 13]
    assert [link.number for link in pager.links if link.current] == [7]
    assert pager.previous == PageLink(6, "association=PL&page=6")
    assert pager.next == PageLink(8, "association=PL&page=8")


def test_the_first_and_last_pages_have_no_link_beyond_them():
    first, last = pager_for({}), pager_for({"page": "13"})

    assert (first.previous, first.next.number) == (None, 2)
    assert (last.previous.number, last.next) == (12, None)
    assert [link.number for link in first.links] == [1, 2, 3, None, 13]


def test_a_repeated_page_parameter_takes_the_last_and_keeps_the_other_values():
    pager = pager_for({"role": ["mentor", "mentee"], "page": ["2", "4"]})

    assert pager.page.number == 4
    assert pager.next.query == "role=mentor&role=mentee&page=5"


def test_the_way_back_carries_only_re_encoded_parameters():
    request = RequestFactory().post(
        "/decide/", {"back": "role=mentee&page=2&next=//evil.example\r\nX: y"}
    )

    assert back_to("/e/2023-24/applications/", request) == (
        "/e/2023-24/applications/?role=mentee&page=2&next=%2F%2Fevil.example%0D%0AX%3A+y"
    )
    assert back_to("/list/", RequestFactory().post("/decide/", {})) == "/list/"
