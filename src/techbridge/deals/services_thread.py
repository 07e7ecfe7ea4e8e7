"""Writes inside a deal after the introduction: messages, attachments, agreement details, and
the follow-up survey's answer."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.deals import rules
from techbridge.deals.enums import Side
from techbridge.deals.models import Deal, DealAttachment, DealMessage, FollowUp
from techbridge.deals.notify import deal_notify
from techbridge.deals.validation import agreement_clean, attachment_clean, follow_up_clean

MESSAGE_LIMIT = 8000


def _require(user: User, deal: Deal, rule) -> None:
    deal.refresh_from_db(fields=["stage", "revealed_at", "brokered"])  # decide on fresh state
    allowed = rule(user, deal)
    if not rules.can_view_deal(user, deal):
        raise PermissionDenied
    if not allowed:
        if not deal.is_revealed and rules.side_of(user, deal):
            raise ValidationError(_("This opens once the introduction is accepted."))
        raise PermissionDenied


@transaction.atomic
def message_post(*, user: User, deal: Deal, body: str) -> DealMessage:
    _require(user, deal, rules.can_post_message)
    body = (body or "").strip() if isinstance(body, str) else ""
    if not body:
        raise ValidationError({"body": [_("Write a message.")]})
    if len(body) > MESSAGE_LIMIT:
        raise ValidationError(
            {"body": [_("At most %(limit)s characters, please.") % {"limit": MESSAGE_LIMIT}]}
        )
    message = DealMessage.objects.create(deal=deal, author=user, body=body)
    deal_notify(deal=deal, kind="deal_message", sides=(Side.INTERESTED, Side.PROVIDER), actor=user)
    return message


@transaction.atomic
def attachment_add(*, user: User, deal: Deal, upload) -> DealAttachment:
    _require(user, deal, rules.can_add_attachment)
    if upload is None:
        raise ValidationError({"file": [_("Choose a file.")]})
    content_type = attachment_clean(upload)
    attachment = DealAttachment(
        deal=deal,
        original_name=(upload.name or "file")[-200:],
        size=upload.size,
        content_type=content_type,
        uploaded_by=user,
    )
    attachment.file.save(upload.name or "file", upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def agreement_update(*, user: User, deal: Deal, data: dict) -> Deal:
    _require(user, deal, rules.can_edit_agreement)
    cleaned = agreement_clean(data)
    for field, value in cleaned.items():
        setattr(deal, field, value)
    deal.save(update_fields=list(cleaned))
    return deal


@transaction.atomic
def follow_up_answer(*, user: User, follow_up: FollowUp, answer: str) -> FollowUp:
    deal = follow_up.deal
    if not rules.can_answer_follow_up(user, deal):
        raise PermissionDenied
    follow_up.answer = follow_up_clean(answer)
    follow_up.answered_by = user
    follow_up.answered_at = timezone.now()
    follow_up.save(update_fields=["answer", "answered_by", "answered_at"])
    return follow_up
