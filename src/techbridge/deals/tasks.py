from django.utils import timezone
from django_tasks import task

from techbridge.deals.services_daily import deals_daily_run


@task()
def deals_daily() -> dict[str, int]:
    """Queued by the daily catalogue run (catalog.tasks.catalogue_daily)."""
    return deals_daily_run(now=timezone.now())
