from django.db.models import Count

from techbridge.accounts.models import User
from techbridge.organisations.models import Organisation


def platform_counts() -> dict[str, int]:
    organisations = Organisation.objects.aggregate(
        total=Count("id"), countries=Count("country", distinct=True)
    )
    return {
        "organisations": organisations["total"],
        "countries": organisations["countries"],
        "people": User.objects.filter(is_active=True, email_verified_at__isnull=False).count(),
    }


def organisations_per_country(*, limit: int = 12) -> list[dict]:
    return list(
        Organisation.objects.values("country")
        .annotate(total=Count("id"))
        .order_by("-total", "country")[:limit]
    )
