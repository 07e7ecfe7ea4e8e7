"""Background work of the events app. Thin: load, call a service."""

from django.utils import timezone
from django_tasks import task

from techbridge.events import services_meetings


@task()
def brokerage_daily() -> dict[str, int]:
    """Queued by the daily catalogue run (catalog.tasks.DAILY_CHAIN): reminds receivers of
    pending meeting requests once, then expires the requests nobody answered in time."""
    now = timezone.now()
    return {
        "reminded": services_meetings.meeting_requests_remind(now=now),
        "expired": services_meetings.meeting_requests_expire(now=now),
    }
