"""Writes for entries: drafts, files, team members, submission and withdrawal."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.competitions import rules
from techbridge.competitions.enums import EntryStatus, FieldKind
from techbridge.competitions.models import (
    Competition,
    Entry,
    EntryAttachment,
    EntryField,
    Round,
    RoundEntry,
    TeamMember,
)
from techbridge.competitions.validation import (
    answers_clean,
    eligibility_errors,
    entry_clean,
    upload_clean,
)
from techbridge.organisations.models import Organisation

MAX_TEAM = 10


def _organisation(user: User, value) -> Organisation | None:
    if value in (None, ""):
        return None
    organisation = Organisation.objects.filter(
        pk=value if str(value).isdigit() else 0, memberships__user=user
    ).first()
    if organisation is None:
        raise ValidationError({"organisation": [_("Choose one of your organisations.")]})
    return organisation


@transaction.atomic
def entry_save(
    *, user: User, competition: Competition, data: dict, entry: Entry | None = None
) -> Entry:
    """Creates or updates a draft (or a submitted entry while entries are open). Eligibility
    is checked at once so applicants learn early, field by field."""
    if entry is None:
        if not rules.can_enter(user, competition):
            raise PermissionDenied
        if Entry.objects.filter(
            competition=competition,
            applicant=user,
            status__in=[EntryStatus.DRAFT, EntryStatus.SUBMITTED],
        ).exists():
            raise ValidationError(_("You already have an entry in this call."))
        entry = Entry(competition=competition, applicant=user, language=user.preferred_language)
    elif not rules.can_edit_entry(user, entry):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    fields = list(competition.fields.all())
    cleaned: dict = {}
    try:
        cleaned = entry_clean(competition=competition, data=data)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        cleaned["organisation"] = _organisation(user, data.get("organisation"))
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        answers = answers_clean(fields=fields, answers=data, final=entry.is_submitted)
    except ValidationError as error:
        errors.update(error.message_dict)
        answers = {}
    for name, messages in eligibility_errors(competition=competition, values=cleaned).items():
        errors.setdefault(name, messages)
    if errors:
        raise ValidationError(errors)
    for name, value in cleaned.items():
        setattr(entry, name, value)
    entry.answers = answers
    language = (data.get("language") or "").strip()
    if language:
        entry.language = language[:10]
    entry.save()
    return entry


@transaction.atomic
def entry_attachment_set(*, user: User, entry: Entry, field: EntryField, upload) -> EntryAttachment:
    if not rules.can_edit_entry(user, entry):
        raise PermissionDenied
    if field.competition_id != entry.competition_id or field.kind != FieldKind.FILE:
        raise ValidationError(_("This question does not take a file."))
    content_type = upload_clean(field=field, upload=upload)
    old = EntryAttachment.objects.filter(entry=entry, field=field).first()
    if old is not None:
        old.file.delete(save=False)
        old.delete()
    attachment = EntryAttachment(
        entry=entry,
        field=field,
        original_name=(upload.name or "file")[-200:],
        size=upload.size,
        content_type=content_type,
    )
    attachment.file.save(upload.name or "file", upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def team_member_add(*, user: User, entry: Entry, data: dict) -> TeamMember:
    if not rules.can_edit_entry(user, entry):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    values = {}
    for name, limit, required in (
        ("name", 150, True),
        ("role", 120, False),
        ("email", 254, False),
        ("organisation_name", 200, False),
    ):
        value = data.get(name) or ""
        value = value.strip() if isinstance(value, str) else ""
        if required and not value:
            errors[name] = [_("This field is required.")]
        elif len(value) > limit:
            errors[name] = [_("At most %(limit)s characters, please.") % {"limit": limit}]
        values[name] = value
    if values.get("email") and "@" not in values["email"]:
        errors["email"] = [_("Enter a valid e-mail address.")]
    if entry.team.count() >= MAX_TEAM:
        errors.setdefault(
            "name", [_("A team has at most %(count)s members.") % {"count": MAX_TEAM}]
        )
    if errors:
        raise ValidationError(errors)
    return TeamMember.objects.create(entry=entry, position=entry.team.count(), **values)


@transaction.atomic
def team_member_remove(*, user: User, member: TeamMember) -> None:
    if not rules.can_edit_entry(user, member.entry):
        raise PermissionDenied
    member.delete()


def first_rounds(*, competition: Competition, country: str) -> list[Round]:
    """The rounds an entry from `country` starts in: the lowest level open to it."""
    return _rounds_at(competition=competition, country=country, above=0)


def _rounds_at(*, competition: Competition, country: str, above: int) -> list[Round]:
    rounds = list(
        Round.objects.filter(competition=competition, level__gt=above)
        .filter(Q(country="") | Q(country=country))
        .order_by("level", "pk")
    )
    if not rounds:
        return []
    level = rounds[0].level
    return [round_ for round_ in rounds if round_.level == level]


def next_rounds(*, round_: Round, country: str) -> list[Round]:
    return _rounds_at(competition=round_.competition, country=country, above=round_.level)


@transaction.atomic
def entry_submit(*, user: User, entry: Entry, now=None) -> Entry:
    entry = Entry.objects.select_for_update().select_related("competition").get(pk=entry.pk)
    if not rules.is_applicant(user, entry):
        raise PermissionDenied
    competition = entry.competition
    if not competition.is_open_at(now):
        raise ValidationError(_("Entries for this call are closed."))
    if entry.status != EntryStatus.DRAFT:
        raise ValidationError(_("This entry is already submitted."))
    fields = list(competition.fields.all())
    errors: dict[str, list[str]] = {}
    try:
        answers_clean(
            fields=fields, answers={str(k): v for k, v in entry.answers.items()}, final=True
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    uploaded = set(entry.attachments.values_list("field_id", flat=True))
    for field in fields:
        if field.kind == FieldKind.FILE and field.required and field.pk not in uploaded:
            errors[field.key] = [_("Attach this file.")]
    values = {
        "country": entry.country,
        "founded_year": entry.founded_year,
        "stage": entry.stage,
    }
    errors.update(eligibility_errors(competition=competition, values=values))
    if errors:
        raise ValidationError(errors)
    entry.status = EntryStatus.SUBMITTED
    entry.submitted_at = timezone.now()
    entry.save(update_fields=["status", "submitted_at"])
    for round_ in first_rounds(competition=competition, country=entry.country):
        RoundEntry.objects.get_or_create(round=round_, entry=entry)
    return entry


@transaction.atomic
def entry_withdraw(*, user: User, entry: Entry) -> Entry:
    if not rules.can_withdraw_entry(user, entry):
        raise PermissionDenied
    entry.status = EntryStatus.WITHDRAWN
    entry.save(update_fields=["status"])
    # Unscored assignments go; scores already given stay for the record but the entry
    # leaves every round's ranking (rankings count submitted entries only).
    entry.assignments.filter(scored_at__isnull=True).delete()
    return entry
