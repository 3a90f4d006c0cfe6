"""A review is stamped with Tandem's clock, like decisions, so a demo pinned to
an edition's day names that day when a second window's save is refused."""

import datetime as dt

import pytest

from tandem.applications.domain import screening
from tandem.core import conflicts


@pytest.fixture
def pinned(settings):
    settings.TANDEM_TODAY = "2023-11-20"
    return dt.date(2023, 11, 20)


def test_a_review_is_stamped_on_the_pinned_day(world, pinned):
    application = world.extra["application_a"]

    review = screening.review_application(
        application, actor=world.people["national_a"], maturity=4, motivation=5
    )

    assert review.updated_at.date() == pinned


def test_a_changed_review_is_stamped_again_on_the_pinned_day(world, pinned):
    application = world.extra["application_a"]
    reviewer = world.people["national_a"]
    first = screening.review_application(
        application, actor=reviewer, maturity=4, motivation=5
    )

    second = screening.review_application(
        application,
        actor=reviewer,
        maturity=2,
        motivation=3,
        seen=conflicts.stamp(first.updated_at),
    )

    assert second.updated_at.date() == pinned
    assert second.updated_at >= first.updated_at
