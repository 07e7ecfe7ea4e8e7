"""What a judge may see of an entry. Blind rounds leave out the team, the organisation,
the applicant and answers marked as identifying; what is not in the view cannot leak."""

from dataclasses import dataclass, field

from techbridge.competitions.enums import FieldKind
from techbridge.competitions.models import Assignment, Entry, EntryField


@dataclass(frozen=True)
class FileView:
    pk: int
    label: str
    name: str
    size: int


@dataclass(frozen=True)
class EntryView:
    pk: int
    code: str
    title: str
    summary: str
    language: str
    track: str
    country: str
    stage: str
    founded_year: int | None
    sectors: list[str]
    keywords: list[str]
    answers: list[tuple[str, str]]
    files: list[FileView]
    blind: bool
    applicant: str = ""
    organisation: str = ""
    team: list[tuple[str, str, str]] = field(default_factory=list)


def entry_code(entry: Entry) -> str:
    """A neutral reference shown instead of names: E-<number>."""
    return f"E-{entry.pk:04d}"


def judge_entry_view(*, assignment: Assignment, fields: list[EntryField]) -> EntryView:
    """`assignment` with entry (track, organisation, applicant) loaded; `fields` of the call."""
    entry = assignment.entry
    blind = assignment.round.blind
    shown = [f for f in fields if not (blind and f.hidden_in_blind_rounds)]
    answers = [
        (f.text_in("label").text, entry.answers[str(f.pk)])
        for f in shown
        if f.kind != FieldKind.FILE and str(f.pk) in entry.answers
    ]
    by_field = {a.field_id: a for a in entry.attachments.all()}
    files = []
    for f in shown:
        attachment = by_field.get(f.pk)
        if attachment is None:
            continue
        name = (
            f"{entry_code(entry)}-{f.pk}.{attachment.extension}"
            if blind
            else attachment.original_name
        )
        files.append(FileView(attachment.pk, f.text_in("label").text, name, attachment.size))
    view = {
        "pk": entry.pk,
        "code": entry_code(entry),
        "title": entry.title,
        "summary": entry.summary,
        "language": entry.language,
        "track": entry.track.text_in("name").text if entry.track else "",
        "country": entry.country,
        "stage": entry.get_stage_display() if entry.stage else "",
        "founded_year": entry.founded_year,
        "sectors": list(entry.sectors),
        "keywords": list(entry.keywords),
        "answers": answers,
        "files": files,
        "blind": blind,
    }
    if not blind:
        view["applicant"] = entry.applicant.full_name
        view["organisation"] = entry.organisation.name if entry.organisation else ""
        view["team"] = [(m.name, m.role, m.organisation_name) for m in entry.team.all()]
    return EntryView(**view)
