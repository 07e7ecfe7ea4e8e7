from django.utils import timezone
from django_tasks import task

from techbridge.catalog import services
from techbridge.catalog.translation import listing_machine_translate


@task()
def translate_listing(*, kind: str, pk: int) -> int:
    return listing_machine_translate(kind=kind, pk=pk)


@task()
def catalogue_daily() -> dict[str, int]:
    today = timezone.localdate()
    return {
        "expired": services.listings_expire(today=today),
        "reminded": services.listings_remind_renewal(today=today),
    }


@task()
def run_import(*, job_id: int) -> dict:
    from techbridge.catalog.importing import import_job_run

    return import_job_run(job_id=job_id)
