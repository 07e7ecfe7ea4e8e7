"""Writes for judges: invitations, expertise, declared conflicts, automatic assignment (in
the worker) and manual overrides (add, lock, remove)."""

from time import perf_counter

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.competitions import rules
from techbridge.competitions.affinity import affinity_matrix, round_conflicts
from techbridge.competitions.assignment import (
    AssignmentInfeasible,
    AssignmentProblem,
    assign_judges,
)
from techbridge.competitions.assignment import Entry as ProblemEntry
from techbridge.competitions.assignment import Judge as ProblemJudge
from techbridge.competitions.enums import (
    AssignmentSource,
    EntryStatus,
    JudgeStatus,
    RunStatus,
)
from techbridge.competitions.models import (
    Assignment,
    AssignmentRun,
    Competition,
    Conflict,
    Entry,
    Judge,
    Round,
)
from techbridge.competitions.validation import _codes
from techbridge.core.countries import is_country
from techbridge.core.mail import email_enqueue


def _require_staff(user: User) -> None:
    if not rules.can_manage_competitions(user):
        raise PermissionDenied


@transaction.atomic
def judge_invite(
    *,
    user: User,
    competition: Competition,
    email: str,
    name: str,
    language: str = "",
    country: str = "",
    sectors=(),
    keywords=(),
) -> Judge:
    """Invites an expert by e-mail, in their language (their account's, if they have one)."""
    _require_staff(user)
    email = (email or "").strip().lower()
    name = (name or "").strip()
    errors: dict[str, list[str]] = {}
    if "@" not in email or len(email) > 254:
        errors["email"] = [_("Enter a valid e-mail address.")]
    elif competition.judges.filter(email=email).exists():
        errors["email"] = [_("This person is already invited.")]
    if not name or len(name) > 150:
        errors["name"] = [_("This field is required.")]
    if country and not is_country(country):
        errors["country"] = [_("Choose a country from the list.")]
    languages = {code for code, _name in settings.LANGUAGES}
    if language and language not in languages:
        errors["language"] = [_("Choose a language from the list.")]
    if errors:
        raise ValidationError(errors)
    account = User.objects.filter(email__iexact=email).first()
    judge = Judge.objects.create(
        competition=competition,
        email=email,
        name=name,
        user=None,
        language=language or (account.preferred_language if account else "en"),
        country=country,
        sectors=_codes(list(sectors)),
        keywords=_codes(list(keywords)),
        invited_by=user,
    )
    link = settings.SITE_URL + reverse("competitions:invitation", kwargs={"token": judge.token})
    email_enqueue(
        to=email,
        template="competition_judge_invitation",
        context={
            "name": name,
            "competition": competition.text_in("title", judge.language).text,
            "programme": competition.is_programme,
            "link": link,
        },
        language=judge.language,
    )
    return judge


@transaction.atomic
def judge_answer(*, user: User, judge: Judge, accept: bool) -> Judge:
    judge = Judge.objects.select_for_update().get(pk=judge.pk)
    if not rules.can_answer_invitation(user, judge):
        raise PermissionDenied
    if judge.user_id == user.pk and judge.status == (
        JudgeStatus.ACTIVE if accept else JudgeStatus.DECLINED
    ):
        return judge  # the same answer twice
    if judge.user_id is None and judge.email.lower() != user.email.lower():
        # The link may be forwarded: only the invited address answers it, as for organisations.
        raise ValidationError(
            _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
            % {"email": judge.email}
        )
    if Judge.objects.filter(competition=judge.competition, user=user).exclude(pk=judge.pk).exists():
        raise ValidationError(_("You are already a judge in this call."))
    judge.user = user
    judge.status = JudgeStatus.ACTIVE if accept else JudgeStatus.DECLINED
    judge.answered_at = timezone.now()
    judge.save(update_fields=["user", "status", "answered_at"])
    if not accept:
        judge.assignments.filter(scored_at__isnull=True).delete()
    return judge


@transaction.atomic
def judge_profile_update(*, user: User, judge: Judge, data: dict) -> Judge:
    if not (rules.is_judge(user, judge) or rules.can_manage_competitions(user)):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    country = (data.get("country") or "").strip().upper()
    if country and not is_country(country):
        errors["country"] = [_("Choose a country from the list.")]
    expertise = (data.get("expertise") or "").strip()
    if len(expertise) > 2000:
        errors["expertise"] = [_("At most %(limit)s characters, please.") % {"limit": 2000}]
    keywords = _codes(data.get("keywords"))
    if len(keywords) > 30:
        errors["keywords"] = [_("At most %(count)s keywords.") % {"count": 30}]
    sectors = _codes(data.get("sectors"))
    from techbridge.catalog.models import Sector

    if set(sectors) - set(Sector.objects.filter(code__in=sectors).values_list("code", flat=True)):
        errors["sectors"] = [_("Choose sectors from the list.")]
    if errors:
        raise ValidationError(errors)
    judge.country = country
    judge.expertise = expertise
    judge.keywords = keywords
    judge.sectors = sectors
    judge.save(update_fields=["country", "expertise", "keywords", "sectors"])
    return judge


@transaction.atomic
def conflict_declare(
    *, user: User, judge: Judge, reason: str, entry: Entry | None = None, organisation=None
) -> Conflict:
    """A judge (or staff for them) declares a relationship; assignments of the pair go."""
    staff = rules.can_manage_competitions(user)
    if not (staff or rules.is_judge(user, judge)):
        raise PermissionDenied
    reason = (reason or "").strip()
    errors: dict[str, list[str]] = {}
    if not reason or len(reason) > 300:
        errors["reason"] = [_("Say in a few words what the relationship is.")]
    if entry is None and organisation is None:
        errors["organisation"] = [_("Choose an organisation or an entry.")]
    if entry is not None and entry.competition_id != judge.competition_id:
        errors["entry"] = [_("Choose an entry of this call.")]
    if errors:
        raise ValidationError(errors)
    conflict = Conflict.objects.create(
        judge=judge, entry=entry, organisation=organisation, reason=reason, by_staff=staff
    )
    pairs = Assignment.objects.filter(judge=judge)
    if entry is not None:
        pairs.filter(entry=entry).delete()
    else:
        pairs.filter(entry__organisation=organisation).delete()
    return conflict


def _round_people(round_: Round) -> tuple[list[Entry], list[Judge]]:
    entries = list(
        Entry.objects.filter(round_entries__round=round_, status=EntryStatus.SUBMITTED).order_by(
            "pk"
        )
    )
    judges = list(
        Judge.objects.filter(
            competition_id=round_.competition_id, status=JudgeStatus.ACTIVE
        ).order_by("pk")
    )
    return entries, judges


@transaction.atomic
def assignment_run_request(*, user: User, round_: Round) -> AssignmentRun:
    _require_staff(user)
    from techbridge.competitions.tasks import assignment_run

    run = AssignmentRun.objects.create(round=round_, requested_by=user)
    assignment_run.enqueue(run_id=run.pk)
    return run


def assignment_run_execute(*, run_id: int, use_embeddings: bool | None = None) -> AssignmentRun:
    """Solves the round's assignment (worker). Locked and already scored pairs stay; other
    automatic and manual pairs are replaced by the optimum. Infeasible: nothing changes and
    the run says why."""
    run = AssignmentRun.objects.select_related("round__competition").get(pk=run_id)
    if run.status not in (RunStatus.QUEUED, RunStatus.RUNNING):
        return run
    round_ = run.round
    run.status = RunStatus.RUNNING
    run.save(update_fields=["status"])
    started = perf_counter()
    entries, judges = _round_people(round_)
    conflicts = round_conflicts(round_=round_, entries=entries, judges=judges)
    entry_ids = {entry.pk for entry in entries}
    judge_ids = {judge.pk for judge in judges}
    kept = [
        a
        for a in Assignment.objects.filter(round=round_)
        if (a.locked or a.scored_at) and a.entry_id in entry_ids and a.judge_id in judge_ids
    ]
    locks = frozenset(
        (a.entry_id, a.judge_id) for a in kept if (a.entry_id, a.judge_id) not in conflicts
    )
    matrix, source = affinity_matrix(entries=entries, judges=judges, use_embeddings=use_embeddings)
    problem = AssignmentProblem(
        entries=[ProblemEntry(entry.pk) for entry in entries],
        judges=[
            ProblemJudge(judge.pk, max_load=round_.max_load, min_load=round_.min_load)
            for judge in judges
        ],
        judges_per_entry=round_.judges_per_entry,
        affinity=matrix,
        conflicts=frozenset(conflicts),
        locks=locks,
    )
    try:
        result = assign_judges(problem=problem)
    except (AssignmentInfeasible, ValueError) as error:
        run.status = RunStatus.INFEASIBLE
        run.message = str(error)
        run.affinity_source = source
        run.seconds = perf_counter() - started
        run.finished_at = timezone.now()
        run.save()
        return run
    position = {entry.pk: row for row, entry in enumerate(entries)}
    column = {judge.pk: col for col, judge in enumerate(judges)}
    with transaction.atomic():
        Assignment.objects.filter(round=round_).exclude(
            pk__in=[a.pk for a in kept if (a.entry_id, a.judge_id) in locks]
        ).filter(scored_at__isnull=True).delete()
        new = [
            Assignment(
                round=round_,
                entry_id=entry_id,
                judge_id=judge_id,
                source=AssignmentSource.AUTOMATIC,
                affinity=float(matrix[position[entry_id], column[judge_id]]),
            )
            for entry_id, judge_id in sorted(result.pairs() - locks)
        ]
        Assignment.objects.bulk_create(new, ignore_conflicts=True)
        run.status = RunStatus.DONE
        run.message = ""
        run.affinity_source = source
        run.total_affinity = result.total_affinity
        run.assigned_count = len(new)
        run.seconds = perf_counter() - started
        run.finished_at = timezone.now()
        run.save()
    return run


@transaction.atomic
def assignment_add(*, user: User, round_: Round, entry: Entry, judge: Judge) -> Assignment:
    """A manual pair, locked so later runs keep it. Conflicted pairs are refused."""
    _require_staff(user)
    errors: dict[str, list[str]] = {}
    if (
        entry.competition_id != round_.competition_id
        or not entry.round_entries.filter(round=round_).exists()
    ):
        errors["entry"] = [_("This entry is not in the round.")]
    if judge.competition_id != round_.competition_id or not judge.is_active:
        errors["judge"] = [_("Choose a judge who accepted the invitation.")]
    if errors:
        raise ValidationError(errors)
    reason = round_conflicts(round_=round_, entries=[entry], judges=[judge]).get(
        (entry.pk, judge.pk)
    )
    if reason:
        raise ValidationError(
            {"judge": [_("Conflict of interest: %(reason)s") % {"reason": reason}]}
        )
    assignment, created = Assignment.objects.get_or_create(
        round=round_,
        entry=entry,
        judge=judge,
        defaults={"source": AssignmentSource.MANUAL, "locked": True},
    )
    if not created:
        raise ValidationError({"judge": [_("This judge already has this entry.")]})
    return assignment


@transaction.atomic
def assignment_lock(*, user: User, assignment: Assignment, locked: bool) -> Assignment:
    _require_staff(user)
    assignment.locked = locked
    assignment.save(update_fields=["locked"])
    return assignment


@transaction.atomic
def assignment_remove(*, user: User, assignment: Assignment) -> None:
    _require_staff(user)
    if assignment.scored_at:
        raise ValidationError(_("The judge has already scored this entry."))
    assignment.delete()
