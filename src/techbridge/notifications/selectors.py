from django.db.models import QuerySet

from techbridge.accounts.models import User
from techbridge.notifications.kinds import notification_title
from techbridge.notifications.models import Notification


def notifications_of(*, user: User) -> QuerySet:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def unread_count(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_items(*, notifications) -> list[dict]:
    return [
        {
            "pk": n.pk,
            "title": notification_title(kind=n.kind, payload=n.payload),
            "link": n.payload.get("link", ""),
            "lines": n.payload.get("lines", []),
            "created_at": n.created_at,
            "unread": n.read_at is None,
            "kind": n.kind,
        }
        for n in notifications
    ]
