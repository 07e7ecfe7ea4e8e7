"""Background work of competitions and programmes. Thin: load, call a service."""

from django_tasks import task


@task()
def assignment_run(*, run_id: int) -> dict:
    from techbridge.competitions.services_judging import assignment_run_execute

    run = assignment_run_execute(run_id=run_id)
    return {"status": run.status, "assigned": run.assigned_count}


@task()
def decisions_notify(*, competition_id: int) -> int:
    from techbridge.competitions.services_selection import decisions_mail

    return decisions_mail(competition_id=competition_id)
