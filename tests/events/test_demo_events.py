import datetime as dt

from tandem.demo.edition import load_demo_edition
from tandem.events.models import Event


def test_the_demo_has_the_years_trainings_once_however_often_it_loads(db):
    load_demo_edition()

    edition, _ = load_demo_edition()

    events = Event.objects.filter(edition=edition)
    warsaw = [
        (e.title, e.starts_at.astimezone(e.zone).strftime("%d %b %H:%M"), e.mandatory)
        for e in events
    ]
    assert warsaw == [
        ("Mentor training 1", "14 Nov 18:00", True),
        ("Mentor training 2", "16 Nov 18:00", True),
        ("Mentee training", "21 Nov 18:00", True),
        ("Mentor training 3", "23 Nov 18:00", True),
        ("Mid-term training", "12 Mar 18:00", False),
        ("Meta-mentoring session 1", "19 Mar 18:00", False),
        ("Meta-mentoring session 2", "20 Mar 18:00", False),
        ("Meta-mentoring session 3", "21 Mar 18:00", False),
        ("Final training", "14 May 18:00", False),
        ("Closure ceremony", "14 Jun 18:00", False),
    ]
    assert events.get(title="Mentee training").duration_minutes == 90
    assert events.filter(mandatory=True, audience="mentors").count() == 3
    assert events.filter(mandatory=True, audience="mentees").count() == 1
    assert events.get(title="Closure ceremony").ends_at == dt.datetime(
        2024, 6, 14, 18, 0, tzinfo=dt.UTC
    )
