"""Queued e-mail: nothing lost, nothing sent twice, nothing sent on rollback."""

import socket
import threading
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage, send_mail
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from tandem.core import outbox
from tandem.core.models import OutboxMessage
from tests.trust.smtp import FakeSMTPServer

pytestmark = pytest.mark.django_db


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def queued_mail(settings):
    """Queue through the outbox; the transport is pointed at a port per test."""

    def use(port, timeout=2):
        settings.MAILERS = {
            "default": {"BACKEND": "tandem.core.mail.OutboxBackend"},
            "transport": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": timeout},
            },
        }

    settings.OUTBOX_RETRY_SECONDS = 60
    settings.OUTBOX_MAX_ATTEMPTS = 3
    return use


def queue(subject="Your pair", to=("mentee@example.org",)):
    """Queue a message without the after-commit delivery, which tests run by hand."""
    with transaction.atomic():
        send_mail(subject, "Body", None, list(to))
        transaction.get_connection().run_on_commit = []


def states():
    return list(
        OutboxMessage.objects.order_by("recipient").values_list(
            "recipient", "state", "attempts", "last_error"
        )
    )


def test_each_recipient_gets_a_row_of_its_own(queued_mail):
    queued_mail(free_port())

    queue(to=["b@example.org", "a@example.org"])

    assert states() == [
        ("a@example.org", "queued", 0, ""),
        ("b@example.org", "queued", 0, ""),
    ]


def test_a_rolled_back_action_leaves_nothing_to_send(queued_mail):
    queued_mail(free_port())

    def failing_action():
        with transaction.atomic():
            send_mail("Your pair", "Body", None, ["mentee@example.org"])
            raise RuntimeError("the action failed")

    with pytest.raises(RuntimeError):
        failing_action()

    assert OutboxMessage.objects.count() == 0


def test_a_committed_action_sends_through_the_worker_task(
    queued_mail, django_capture_on_commit_callbacks
):
    with FakeSMTPServer() as server:
        queued_mail(server.port)
        with django_capture_on_commit_callbacks(execute=True):
            send_mail("Your pair", "Body", None, ["mentee@example.org"])

    assert server.accepted == [("mentee@example.org", "Your pair")]
    assert states() == [("mentee@example.org", "sent", 1, "")]
    assert bytes(OutboxMessage.objects.get().content) == b""


def test_a_refusing_server_loses_nothing_and_is_retried_later(queued_mail):
    queued_mail(free_port())
    queue()

    outcome = outbox.deliver_queued()

    row = OutboxMessage.objects.get()
    assert (outcome.sent, outcome.retrying, outcome.failed) == (0, 1, 0)
    assert (row.state, row.attempts, row.last_error) == (
        "queued",
        1,
        "ConnectionRefusedError",
    )
    assert row.next_attempt_at > timezone.now() + timedelta(seconds=50)
    assert b"Subject: Your pair" in bytes(row.content)


def test_a_retry_is_not_tried_before_its_time(queued_mail):
    queued_mail(free_port())
    queue()
    outbox.deliver_queued()

    with FakeSMTPServer() as server:
        queued_mail(server.port)
        early = outbox.deliver_queued()
        OutboxMessage.objects.update(next_attempt_at=timezone.now())
        due = outbox.deliver_queued()

    assert (early.sent, due.sent) == (0, 1)
    assert server.accepted == [("mentee@example.org", "Your pair")]
    assert states() == [("mentee@example.org", "sent", 2, "")]


def test_a_hanging_server_times_out_and_the_message_waits(queued_mail):
    with FakeSMTPServer(hang=True) as server:
        queued_mail(server.port, timeout=1)
        queue()
        started = time.monotonic()
        outcome = outbox.deliver_queued()
        took = time.monotonic() - started

    assert outcome.retrying == 1
    assert took < 5
    # smtplib reports a read that timed out as a dropped connection.
    assert states() == [("mentee@example.org", "queued", 1, "SMTPServerDisconnected")]


def test_a_rejected_address_fails_alone(queued_mail):
    with FakeSMTPServer(reject={"gone@example.org"}) as server:
        queued_mail(server.port)
        queue(to=["gone@example.org", "here@example.org", "there@example.org"])
        outcome = outbox.deliver_queued()

    assert (outcome.sent, outcome.failed) == (2, 1)
    assert sorted(server.accepted) == [
        ("here@example.org", "Your pair"),
        ("there@example.org", "Your pair"),
    ]
    assert states() == [
        ("gone@example.org", "failed", 1, "SMTPRecipientsRefused 550"),
        ("here@example.org", "sent", 1, ""),
        ("there@example.org", "sent", 1, ""),
    ]


def test_too_many_attempts_give_up(queued_mail):
    queued_mail(free_port())
    queue()

    for _ in range(3):
        OutboxMessage.objects.update(next_attempt_at=timezone.now())
        outbox.deliver_queued()

    assert states() == [("mentee@example.org", "failed", 3, "ConnectionRefusedError")]


def test_running_twice_sends_once(queued_mail):
    with FakeSMTPServer() as server:
        queued_mail(server.port)
        queue()
        first = outbox.deliver_queued()
        second = outbox.deliver_queued()

    assert (first.sent, second.sent) == (1, 0)
    assert server.accepted == [("mentee@example.org", "Your pair")]


def test_a_row_claimed_by_another_worker_is_left_alone(queued_mail):
    with FakeSMTPServer() as server:
        queued_mail(server.port)
        queue()
        OutboxMessage.objects.update(state="sending", claimed_at=timezone.now())
        outcome = outbox.deliver_queued()

    assert outcome.sent == 0
    assert server.accepted == []


def test_a_worker_that_died_mid_send_is_never_resent(queued_mail):
    queued_mail(free_port())
    queue()
    OutboxMessage.objects.update(
        state="sending", claimed_at=timezone.now() - timedelta(hours=1)
    )

    outbox.deliver_queued()

    assert states() == [("mentee@example.org", "failed", 0, "interrupted")]


@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_send_each_message_once(queued_mail):
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite's in-memory test database locks whole tables across threads"
        )
    with FakeSMTPServer() as server:
        queued_mail(server.port)
        for n in range(12):
            send_mail(f"Message {n}", "Body", None, [f"p{n}@example.org"])
        OutboxMessage.objects.update(state="queued", attempts=0)
        server.accepted.clear()
        workers = [threading.Thread(target=_deliver_in_thread) for _ in range(3)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()

    recipients = sorted(recipient for recipient, _subject in server.accepted)
    assert recipients == sorted(f"p{n}@example.org" for n in range(12))
    assert OutboxMessage.objects.filter(state="sent").count() == 12


def _deliver_in_thread():
    try:
        outbox.deliver_queued()
    finally:
        connection.close()


def test_the_command_reports_what_it_did(queued_mail, capsys):
    with FakeSMTPServer() as server:
        queued_mail(server.port)
        queue(to=["a@example.org", "b@example.org"])
        call_command("send_queued_mail")

    assert capsys.readouterr().out == "sent 2, to retry 0, failed 0\n"


def test_bcc_recipients_are_sent_but_not_shown(queued_mail):
    with FakeSMTPServer() as server:
        queued_mail(server.port)
        with transaction.atomic():
            EmailMessage(
                "Minutes", "Body", to=["a@example.org"], bcc=["hidden@example.org"]
            ).send()
            transaction.get_connection().run_on_commit = []
        outbox.deliver_queued()

    assert sorted(r for r, _ in server.accepted) == [
        "a@example.org",
        "hidden@example.org",
    ]
    assert all(b"hidden@" not in bytes(r.content) for r in OutboxMessage.objects.all())


def test_tests_elsewhere_still_see_mail_in_the_locmem_outbox(client):
    # Django's test setup replaces every mailer with locmem; other apps' tests rely
    # on it, so the outbox is only in play where a test asks for it.
    send_mail("Hello", "Body", None, ["a@example.org"])

    assert [m.subject for m in mail.outbox] == ["Hello"]
