"""Applicants: the entry form, files, team members, submission, withdrawal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.competitions import letters, rules, selectors, services
from techbridge.competitions.forms import AttachmentForm, EntryForm, TeamMemberForm, add_errors
from techbridge.competitions.models import Entry, EntryAttachment, EntryField, TeamMember
from techbridge.competitions.views_public import competition_for


def _entry(request: HttpRequest, pk: int) -> Entry:
    entry = get_object_or_404(
        Entry.objects.select_related("competition", "track", "organisation", "applicant"), pk=pk
    )
    if not rules.can_view_entry(request.user, entry):
        raise Http404
    return entry


def _initial(entry: Entry) -> dict:
    initial = {
        "title": entry.title,
        "summary": entry.summary,
        "track": str(entry.track_id or ""),
        "organisation": str(entry.organisation_id or ""),
        "country": entry.country,
        "founded_year": entry.founded_year or "",
        "stage": entry.stage,
        "sectors": entry.sectors,
        "keywords": ", ".join(entry.keywords),
    }
    initial.update({f"field_{key}": value for key, value in entry.answers.items()})
    return initial


def _form_data(entry: Entry) -> dict:
    data = {k: ("" if v is None else v) for k, v in _initial(entry).items()}
    bound = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list):
            bound.setlist(key, value)
        else:
            bound[key] = str(value)
    return bound


@login_required
@require_http_methods(["GET", "POST"])
def entry_form(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    competition = competition_for(request, slug)
    entry = None
    if pk is not None:
        entry = _entry(request, pk)
        if entry.competition_id != competition.pk or not rules.can_edit_entry(request.user, entry):
            raise PermissionDenied
    else:
        existing = selectors.entry_of(user=request.user, competition=competition)
        if existing is not None:
            return redirect("competitions:entry", pk=existing.pk)
        if not rules.can_enter(request.user, competition):
            raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = EntryForm(
        data, competition=competition, user=request.user, initial=_initial(entry) if entry else None
    )
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            entry = services.entry_save(
                user=request.user, competition=competition, data=values, entry=entry
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("competitions:entry", pk=entry.pk)
    context = {"competition": competition, "form": form, "entry": entry}
    return render(request, "competitions/entry_form.html", context)


@login_required
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    fields = list(entry.competition.fields.all())
    labels = {str(f.pk): f.text_in("label").text for f in fields}
    attachments = {a.field_id: a for a in entry.attachments.all()}
    context = {
        "entry": entry,
        "competition": entry.competition,
        "answers": [(labels[k], v) for k, v in entry.answers.items() if k in labels],
        "file_fields": [(f, attachments.get(f.pk)) for f in fields if f.kind == "file"],
        "team": list(entry.team.all()),
        "can_edit": rules.can_edit_entry(request.user, entry),
        "can_withdraw": rules.can_withdraw_entry(request.user, entry),
        "attachment_form": AttachmentForm(),
        "team_form": TeamMemberForm(),
        "has_letter": letters.has_letter(entry),
    }
    return render(request, "competitions/entry_detail.html", context)


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int, field: int) -> HttpResponse:
    entry = _entry(request, pk)
    question = get_object_or_404(EntryField, pk=field, competition=entry.competition)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.entry_attachment_set(
                user=request.user, entry=entry, field=question, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("File attached."))
    else:
        messages.error(request, _("Choose a file."))
    return redirect("competitions:entry", pk=entry.pk)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(EntryAttachment.objects.select_related("entry", "field"), pk=pk)
    if not rules.can_download_attachment(request.user, attachment):
        raise Http404
    return file_response(attachment, attachment.original_name)


def file_response(attachment: EntryAttachment, filename: str) -> FileResponse:
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def team_add(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    form = TeamMemberForm(request.POST)
    if form.is_valid():
        try:
            services.team_member_add(user=request.user, entry=entry, data=form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Team member added."))
    else:
        messages.error(request, _("Give the team member's name."))
    return redirect("competitions:entry", pk=entry.pk)


@login_required
@require_POST
def team_remove(request: HttpRequest, pk: int, member: int) -> HttpResponse:
    entry = _entry(request, pk)
    team_member = get_object_or_404(TeamMember, pk=member, entry=entry)
    services.team_member_remove(user=request.user, member=team_member)
    return redirect("competitions:entry", pk=entry.pk)


@login_required
@require_POST
def entry_submit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    try:
        services.entry_submit(user=request.user, entry=entry)
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            messages.error(request, " ".join(error.messages))
            return redirect("competitions:entry", pk=entry.pk)
        # Show each problem next to its field on the entry form.
        competition = entry.competition
        form = EntryForm(_form_data(entry), competition=competition, user=request.user)
        form.is_valid()
        add_errors(form, error)
        context = {"competition": competition, "form": form, "entry": entry}
        return render(request, "competitions/entry_form.html", context, status=422)
    else:
        messages.success(request, _("Your entry is submitted."))
    return redirect("competitions:entry", pk=entry.pk)


@login_required
@require_POST
def entry_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    services.entry_withdraw(user=request.user, entry=entry)
    messages.success(request, _("Your entry is withdrawn."))
    return redirect("competitions:mine")


@login_required
def my_entries(request: HttpRequest) -> HttpResponse:
    context = {
        "entries": selectors.entries_of(user=request.user),
        "assignments": selectors.assignments_of(user=request.user)[:500],
    }
    return render(request, "competitions/mine.html", context)
