"""Writes for the expert registry: each checks the rule, validates, writes and enqueues its
tasks in one transaction."""

import datetime
import hashlib

import numpy as np
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.catalog.models import Need
from techbridge.core.mail import email_enqueue
from techbridge.experts import rules
from techbridge.experts.models import Expert, ExpertMessage
from techbridge.experts.validation import expert_clean

CONTACT_WINDOW = datetime.timedelta(hours=24)


def contact_limit() -> int:
    return int(getattr(settings, "EXPERT_CONTACT_LIMIT_PER_DAY", 5))


def expert_embedding_text(expert: Expert) -> str:
    """What the embedder reads: the expertise in its own language, plus headline and keywords."""
    parts = [expert.headline, expert.expertise, ", ".join(expert.keywords)]
    return "\n".join(part for part in parts if part.strip()).strip()


def _search_text(expert: Expert) -> str:
    parts = [expert.name, expert.headline, expert.expertise, *expert.keywords]
    parts += list((expert.expertise_translations or {}).values())
    return "\n".join(parts).casefold()


def _text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _save(expert: Expert, sectors) -> Expert:
    expert.search_text = _search_text(expert)
    expert.save()
    if sectors is not None:
        expert.sectors.set(sectors)
    if expert.vector_hash != _text_hash(expert_embedding_text(expert)):
        from techbridge.experts.tasks import embed_expert

        embed_expert.enqueue(pk=expert.pk)
    return expert


@transaction.atomic
def expert_register(*, user: User, data: dict) -> Expert:
    """A user registers themselves; messages go to their account address unless they give
    another one. Staff verify the profile before it is listed."""
    if not rules.can_register_expert(user):
        raise PermissionDenied
    values, sectors = expert_clean(data={"name": user.full_name, **data})
    values.setdefault("email", user.email)
    if not values["email"]:
        values["email"] = user.email
    values.setdefault("email_language", user.preferred_language)
    expert = Expert(user=user, created_by=user, **values)
    return _save(expert, sectors)


@transaction.atomic
def expert_add(*, user: User, data: dict) -> Expert:
    """Staff add an expert (verified at once: staff vouch for them)."""
    if not rules.can_add_expert(user):
        raise PermissionDenied
    if not data.get("email"):
        raise ValidationError({"email": [_("Give the address the expert's messages go to.")]})
    values, sectors = expert_clean(data=data)
    expert = Expert(
        created_by=user,
        is_verified=True,
        verified_at=timezone.now(),
        verified_by=user,
        **values,
    )
    return _save(expert, sectors)


@transaction.atomic
def expert_update(*, user: User, expert: Expert, data: dict) -> Expert:
    """Blank e-mail or phone keep the stored ones (they are never shown, not even here)."""
    if not rules.can_edit_expert(user, expert):
        raise PermissionDenied
    data = {key: value for key, value in data.items() if not (key == "email" and not value)}
    if data.get("phone") == "" and not data.get("clear_phone"):
        data.pop("phone")
    values, sectors = expert_clean(data=data, partial=True)
    for field, value in values.items():
        setattr(expert, field, value)
    return _save(expert, sectors)


@transaction.atomic
def expert_verify(*, user: User, expert: Expert) -> Expert:
    if not rules.can_verify_expert(user, expert):
        raise PermissionDenied
    expert.is_verified = True
    expert.verified_at = timezone.now()
    expert.verified_by = user
    expert.save(update_fields=["is_verified", "verified_at", "verified_by", "updated_at"])
    return expert


def expert_email_language(expert: Expert) -> str:
    if expert.user_id and expert.user.preferred_language:
        return expert.user.preferred_language
    return expert.email_language or settings.LANGUAGE_CODE


@transaction.atomic
def expert_contact(
    *, user: User, expert: Expert, subject: str, body: str, need: Need | None = None
) -> ExpertMessage:
    """Stores the message and queues an e-mail to the expert in the expert's language. The
    expert's address stays on the server; the expert gets the sender's to answer."""
    if not rules.can_contact_expert(user, expert):
        raise PermissionDenied
    subject, body = (subject or "").strip(), (body or "").strip()
    errors: dict[str, list[str]] = {}
    if not subject:
        errors["subject"] = [_("This field is required.")]
    elif len(subject) > 150:
        errors["subject"] = [_("At most %(limit)s characters.") % {"limit": 150}]
    if not body:
        errors["body"] = [_("This field is required.")]
    elif len(body) > 5000:
        errors["body"] = [_("At most %(limit)s characters.") % {"limit": 5000}]
    if errors:
        raise ValidationError(errors)
    User.objects.select_for_update().filter(pk=user.pk).first()  # one count per sender at a time
    since = timezone.now() - CONTACT_WINDOW
    if ExpertMessage.objects.filter(sender=user, created_at__gte=since).count() >= contact_limit():
        raise ValidationError(
            _(
                "You have sent %(limit)s messages to experts in the last 24 hours, the most "
                "allowed. Please try again tomorrow."
            )
            % {"limit": contact_limit()},
            code="rate_limited",
        )
    message = ExpertMessage.objects.create(
        expert=expert, sender=user, subject=subject, body=body, need=need
    )
    email_enqueue(
        to=expert.email,
        template="experts/message",
        context={
            "expert_name": expert.name,
            "sender_name": user.full_name,
            "sender_email": user.email,
            "subject": subject,
            "body": body,
            "need_title": need.title if need else "",
            "need_path": f"/needs/{need.pk}/" if need else "",
        },
        language=expert_email_language(expert),
    )
    return message


def expert_embed(*, pk: int) -> bool:
    """Worker: embeds the expertise text with the process embedder and stores the vector."""
    from techbridge.matching.embedding import process_embedder

    expert = Expert.objects.filter(pk=pk).first()
    if expert is None:
        return False
    text = expert_embedding_text(expert)
    embedder = process_embedder()
    vector = embedder.embed_passages([text])[0].astype(np.float32)
    Expert.objects.filter(pk=pk).update(
        vector=vector.tobytes(), vector_embedder=embedder.name, vector_hash=_text_hash(text)
    )
    return True
