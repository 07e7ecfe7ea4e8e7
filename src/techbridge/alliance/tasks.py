"""Background work of the alliance. Thin: load, call a service."""

from django.utils import timezone
from django_tasks import task

from techbridge.alliance import services


@task()
def alliance_daily() -> dict[str, int]:
    """Queued by the daily catalogue run (catalog.tasks.DAILY_CHAIN): expires memberships past
    their end date, then reminds members whose membership ends within 30 days."""
    today = timezone.localdate()
    return {
        "expired": services.memberships_expire(today=today),
        "reminded": services.memberships_remind_renewal(today=today),
    }
