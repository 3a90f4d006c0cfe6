import logging
import time
import zoneinfo

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from tandem.core import audit

logger = logging.getLogger(__name__)


class PersonTimezoneMiddleware:
    """Show times in the zone the signed-in person chose on their profile."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone_name = getattr(request.user, "time_zone", "") or ""
        try:
            timezone.activate(zoneinfo.ZoneInfo(zone_name))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        return self.get_response(request)


class RequestIdMiddleware:
    """Give each request an id that audit rows and log lines can quote."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.headers.get("X-Request-Id") or audit.new_request_id()
        token = audit.current_request_id.set(request_id[:64])
        try:
            response = self.get_response(request)
        finally:
            audit.current_request_id.reset(token)
        response["X-Request-Id"] = request_id[:64]
        return response


SESSION_STARTED = "tandem_started"
SESSION_SEEN = "tandem_seen"
# Recording the last request more often than this would write the session on
# every page; the idle limit is therefore exact to within this many seconds.
SEEN_RESOLUTION = 60


def start_session_clock(request):
    now = int(time.time())
    request.session[SESSION_STARTED] = now
    request.session[SESSION_SEEN] = now


class SessionTimeoutMiddleware:
    """Sign a person out after a spell of inactivity, and at the session's maximum age.

    SESSION_COOKIE_AGE bounds the cookie; this bounds the session on the server too,
    so a copied cookie stops working on time as well.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and self._expired(request):
            logger.info("session.expired request=%s", audit.current_request_id.get())
            logout(request)
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    def _expired(self, request):
        now = int(time.time())
        session = request.session
        started = session.setdefault(SESSION_STARTED, now)
        seen = session.get(SESSION_SEEN, now)
        if now - seen > settings.SESSION_IDLE_SECONDS:
            return True
        if now - started > settings.SESSION_COOKIE_AGE:
            return True
        if now - seen >= SEEN_RESOLUTION or SESSION_SEEN not in session:
            session[SESSION_SEEN] = now
        return False


DATABASE_ERRORS = (OperationalError, InterfaceError)


def drop_broken_connections():
    """Close connections the server dropped, so the next request opens a fresh one.

    Django does the same when a request ends, but only where the server sends the
    request signals; doing it here does not depend on that.
    """
    for conn in connections.all(initialized_only=True):
        if conn.connection is None or conn.in_atomic_block:
            continue
        if not conn.is_usable():
            conn.close()


def database_unavailable(request):
    """A 503 page that touches neither the database nor the session."""
    drop_broken_connections()
    logger.warning(
        "database.unavailable request=%s path=%s",
        audit.current_request_id.get(),
        request.path,
    )
    response = HttpResponse(render_to_string("core/unavailable.html"), status=503)
    response["Retry-After"] = "30"
    return response


class DatabaseUnavailableMiddleware:
    """Answer 503 while the database cannot be reached, and recover by itself.

    Django drops a connection that failed at the end of the request, so the next
    request opens a fresh one: no restart is needed when the database is back.
    Errors raised outside views (loading the session, say) reach
    ``tandem.core.views.server_error`` instead, which answers the same page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return database_unavailable(request)
        return None
