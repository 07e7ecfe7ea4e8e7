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


@task()
def schedule_run(*, run_id: int) -> dict:
    from techbridge.events.services_schedule import schedule_run_execute

    run = schedule_run_execute(run_id=run_id)
    return {"status": run.status, "scheduled": run.scheduled_count, "meetings": run.meeting_count}


@task()
def agenda_final_notify(*, event_id: int) -> int:
    from techbridge.events.services_schedule import agenda_final_mail

    return agenda_final_mail(event_id=event_id)
