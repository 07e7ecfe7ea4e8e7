from django.db.models import Count

from techbridge.accounts.models import User
from techbridge.catalog.enums import Status
from techbridge.catalog.models import Need, Technology
from techbridge.organisations.models import Organisation


def platform_counts() -> dict[str, int]:
    organisations = Organisation.objects.aggregate(
        total=Count("id"), countries=Count("country", distinct=True)
    )
    return {
        "organisations": organisations["total"],
        "countries": organisations["countries"],
        "people": User.objects.filter(is_active=True, email_verified_at__isnull=False).count(),
        "technologies": Technology.objects.filter(status=Status.PUBLISHED).count(),
        "needs": Need.objects.filter(status=Status.PUBLISHED).count(),
    }


def organisations_per_country(*, limit: int = 12) -> list[dict]:
    return list(
        Organisation.objects.values("country")
        .annotate(total=Count("id"))
        .order_by("-total", "country")[:limit]
    )
