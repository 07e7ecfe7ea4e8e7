import datetime

from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from techbridge.catalog import services
from techbridge.catalog.translation import listing_machine_translate

DAILY_HOUR = 2  # local time of the platform's default zone
# Other apps' daily runs, queued by each catalogue run (so one schedule drives them all).
DAILY_CHAIN = (
    "techbridge.deals.tasks.deals_daily",
    "techbridge.notifications.tasks.notifications_daily",
    "techbridge.events.tasks.brokerage_daily",
    "techbridge.alliance.tasks.alliance_daily",
)


@task()
def translate_listing(*, kind: str, pk: int) -> int:
    return listing_machine_translate(kind=kind, pk=pk)


@task()
def catalogue_daily() -> dict[str, int]:
    today = timezone.localdate()
    result = {
        "expired": services.listings_expire(today=today),
        "reminded": services.listings_remind_renewal(today=today),
    }
    for path in DAILY_CHAIN:
        import_string(path).enqueue()
    catalogue_daily_schedule(after=timezone.now())
    return result


def catalogue_daily_schedule(*, after: datetime.datetime) -> bool:
    """Queues the next daily run unless one is already waiting; True when it queued one."""
    waiting = DBTaskResult.objects.filter(
        task_path__endswith="catalogue_daily", status="READY", run_after__gt=after
    )
    if waiting.exists():
        return False
    local = timezone.localtime(after)
    next_run = local.replace(hour=DAILY_HOUR, minute=0, second=0, microsecond=0)
    if next_run <= local:
        next_run += datetime.timedelta(days=1)
    catalogue_daily.using(run_after=next_run).enqueue()
    return True


@task()
def run_import(*, job_id: int) -> dict:
    from techbridge.catalog.importing import import_job_run

    return import_job_run(job_id=job_id)
