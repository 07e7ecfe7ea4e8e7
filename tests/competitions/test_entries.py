"""Entries: configurable questions, eligibility with field errors, files checked by type and
size, team members, submission into the first round, withdrawal."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from techbridge.competitions import services
from techbridge.competitions.models import RoundEntry
from tests.competitions.fixtures import past
from tests.factories import (
    CompetitionFactory,
    EntryFieldFactory,
    RoundFactory,
    TrackFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n"


def _data(**extra) -> dict:
    return {
        "title": "Mangrove sensor",
        "summary": "Cheap salinity sensors.",
        "country": "VN",
        **extra,
    }


@pytest.fixture
def call():
    competition = CompetitionFactory(
        eligible_countries=["VN", "TH"], max_company_age_years=5, eligible_stages=["prototype"]
    )
    track = TrackFactory(competition=competition)
    RoundFactory(competition=competition, name="Viet Nam round", country="VN")
    RoundFactory(competition=competition, name="Thailand round", country="TH")
    RoundFactory(competition=competition, name="Final", level=2)
    return competition, track


def test_eligibility_errors_are_per_field(call):
    competition, track = call
    user = UserFactory()
    with pytest.raises(ValidationError) as caught:
        services.entry_save(
            user=user,
            competition=competition,
            data=_data(track=track.pk, country="CN", founded_year="2001", stage="growth"),
        )
    errors = caught.value.message_dict
    assert set(errors) == {"country", "founded_year", "stage"}
    assert "not eligible" in errors["country"][0]


def test_bad_input_gives_field_errors_not_exceptions(call):
    competition, _track = call
    with pytest.raises(ValidationError) as caught:
        services.entry_save(
            user=UserFactory(),
            competition=competition,
            data={
                "title": "",
                "country": "XX",
                "founded_year": "soon",
                "sectors": ["nope"],
                "track": "999",
                "organisation": "abc",
            },
        )
    assert {
        "title",
        "summary",
        "country",
        "founded_year",
        "sectors",
        "track",
        "organisation",
    } <= set(caught.value.message_dict)


def test_configured_questions_are_checked(call):
    competition, track = call
    choice = EntryFieldFactory(competition=competition, kind="choice", options=["A", "B"])
    number = EntryFieldFactory(competition=competition, kind="number")
    url = EntryFieldFactory(competition=competition, kind="url")
    base = _data(track=track.pk, founded_year="2024", stage="prototype")
    with pytest.raises(ValidationError) as caught:
        services.entry_save(
            user=UserFactory(),
            competition=competition,
            data={**base, choice.key: "C", number.key: "many", url.key: "javascript:alert(1)"},
        )
    assert set(caught.value.message_dict) == {choice.key, number.key, url.key}
    entry = services.entry_save(
        user=UserFactory(),
        competition=competition,
        data={**base, choice.key: "B", number.key: "12.5", url.key: "https://example.org"},
    )
    assert entry.answers == {
        str(choice.pk): "B",
        str(number.pk): "12.5",
        str(url.pk): "https://example.org",
    }


def test_submit_needs_required_answers_and_files_then_joins_the_country_round(call):
    competition, track = call
    question = EntryFieldFactory(competition=competition, required=True)
    pitch = EntryFieldFactory(competition=competition, kind="file", required=True, max_size_mb=1)
    user = UserFactory()
    entry = services.entry_save(
        user=user,
        competition=competition,
        data=_data(track=track.pk, founded_year="2024", stage="prototype"),
    )
    with pytest.raises(ValidationError) as caught:
        services.entry_submit(user=user, entry=entry)
    assert set(caught.value.message_dict) == {question.key, pitch.key}
    entry = services.entry_save(
        user=user,
        competition=competition,
        entry=entry,
        data=_data(track=track.pk, founded_year="2024", stage="prototype", **{question.key: "Yes"}),
    )
    services.entry_attachment_set(
        user=user, entry=entry, field=pitch, upload=SimpleUploadedFile("pitch.pdf", PDF)
    )
    services.entry_submit(user=user, entry=entry)
    entry.refresh_from_db()
    assert entry.status == "submitted"
    rounds = list(RoundEntry.objects.filter(entry=entry).values_list("round__name", flat=True))
    assert rounds == ["Viet Nam round"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("pitch.exe", b"MZ", "Allowed files"),
        ("pitch.pdf", b"not a pdf", "does not match"),
        ("pitch.pdf", PDF + b"x" * (1024 * 1024), "limit"),
    ],
)
def test_attachments_are_checked_for_type_content_and_size(call, name, content, message):
    competition, track = call
    field = EntryFieldFactory(
        competition=competition, kind="file", max_size_mb=1, file_types=["pdf"]
    )
    user = UserFactory()
    entry = services.entry_save(
        user=user,
        competition=competition,
        data=_data(track=track.pk, founded_year="2024", stage="prototype"),
    )
    with pytest.raises(ValidationError) as caught:
        services.entry_attachment_set(
            user=user, entry=entry, field=field, upload=SimpleUploadedFile(name, content)
        )
    assert message in caught.value.message_dict[field.key][0]


def test_closed_call_refuses_entries_and_submission(call):
    competition, track = call
    user = UserFactory()
    entry = services.entry_save(
        user=user,
        competition=competition,
        data=_data(track=track.pk, founded_year="2024", stage="prototype"),
    )
    competition.entry_deadline = past()
    competition.save()
    with pytest.raises(PermissionDenied):
        services.entry_save(user=UserFactory(), competition=competition, data=_data())
    with pytest.raises(ValidationError):
        services.entry_submit(user=user, entry=entry)


def test_one_entry_per_applicant_and_only_the_applicant_edits(call):
    competition, track = call
    user = UserFactory()
    data = _data(track=track.pk, founded_year="2024", stage="prototype")
    entry = services.entry_save(user=user, competition=competition, data=data)
    with pytest.raises(ValidationError):
        services.entry_save(user=user, competition=competition, data=data)
    with pytest.raises(PermissionDenied):
        services.entry_save(user=UserFactory(), competition=competition, data=data, entry=entry)
    with pytest.raises(PermissionDenied):
        services.team_member_add(user=UserFactory(), entry=entry, data={"name": "X"})
    member = services.team_member_add(
        user=user, entry=entry, data={"name": "Lan", "email": "lan@example.org"}
    )
    assert member.entry == entry
    with pytest.raises(ValidationError) as caught:
        services.team_member_add(user=user, entry=entry, data={"name": "", "email": "nope"})
    assert set(caught.value.message_dict) == {"name", "email"}


def test_withdrawal_removes_unscored_assignments(world):
    from tests.factories import AssignmentFactory

    assignment = AssignmentFactory(round=world.round, entry=world.entry, judge=world.judge)
    services.entry_withdraw(user=world.applicant, entry=world.entry)
    assert not type(assignment).objects.filter(pk=assignment.pk).exists()
    with pytest.raises(PermissionDenied):
        services.entry_withdraw(
            user=world.other_applicant,
            entry=world.other_entry.__class__.objects.get(pk=world.entry.pk),
        )
