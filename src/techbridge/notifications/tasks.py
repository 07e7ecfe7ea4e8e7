from django.utils import timezone
from django_tasks import task

from techbridge.notifications import services


@task()
def deliver_notification(*, notification_id: int) -> bool:
    return services.notification_email(notification_id=notification_id)


@task()
def notifications_daily() -> dict[str, int]:
    """Digests of notices and of new recommended matches; queued by the daily run."""
    from techbridge.notifications.matches import match_digests_send

    now = timezone.now()
    return {"digests": services.digests_send(now=now), "matches": match_digests_send(now=now)}
