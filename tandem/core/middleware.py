import zoneinfo

from django.utils import timezone


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
        from tandem.core import audit

        request_id = request.headers.get("X-Request-Id") or audit.new_request_id()
        token = audit.current_request_id.set(request_id[:64])
        try:
            response = self.get_response(request)
        finally:
            audit.current_request_id.reset(token)
        response["X-Request-Id"] = request_id[:64]
        return response
