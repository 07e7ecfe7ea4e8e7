"""Demo expert registry: twenty experts writing in ten languages, most of them demo members who
registered themselves and were verified by staff, two added by staff (one not yet verified).
The services queue the embedding of each expertise text for the worker. Safe to run again."""

import json
from importlib import resources

from techbridge.accounts.models import User
from techbridge.experts import services
from techbridge.experts.models import Expert

FIELDS = (
    "name",
    "headline",
    "language",
    "expertise",
    "expertise_translations",
    "keywords",
    "sectors",
    "languages_spoken",
    "countries",
    "availability",
    "availability_note",
    "visibility",
    "organisation",
    "email_language",
)


def demo_experts() -> list[dict]:
    text = resources.files("techbridge.core.demo").joinpath("experts.json").read_text("utf-8")
    return json.loads(text)


def experts_demo_load(*, staff: User) -> int:
    """Returns how many experts this run added."""
    added = 0
    for row in demo_experts():
        data = {field: row[field] for field in FIELDS if field in row}
        if row.get("user_email"):
            user = User.objects.filter(email=row["user_email"]).first()
            if user is None or Expert.objects.filter(user=user).exists():
                continue
            expert = services.expert_register(user=user, data=data)
            if row.get("verified", True):
                services.expert_verify(user=staff, expert=expert)
        else:
            if Expert.objects.filter(email=row["email"]).exists():
                continue
            expert = services.expert_add(user=staff, data={**data, "email": row["email"]})
            if not row.get("verified", True):
                Expert.objects.filter(pk=expert.pk).update(is_verified=False, verified_at=None)
        added += 1
    return added
