"""Programmes and camps: reviewers score with the same rubric machinery, selection within
per-country quotas is exact (select_applicants), decisions are e-mailed by the worker in
each applicant's language, once; participant list and exports."""

import csv
import io
from itertools import combinations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from techbridge.competitions import services_scoring, services_selection
from techbridge.competitions.models import Entry
from tests.factories import (
    AssignmentFactory,
    CompetitionFactory,
    EntryFactory,
    JudgeFactory,
    RoundEntryFactory,
    RoundFactory,
    RubricCriterionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# (country, score out of 10, applicant's language)
APPLICANTS = [
    ("TH", 9, "th"),
    ("TH", 8, "th"),
    ("TH", 7, "th"),
    ("VN", 6, "vi"),
    ("VN", 5, "vi"),
    ("LA", 2, "lo"),
]


@pytest.fixture
def camp(no_embeddings):
    staff = UserFactory(is_staff=True)
    call = CompetitionFactory(kind="camp", title="Innovation camp", capacity=3)
    review = RoundFactory(competition=call, name="Review", judges_per_entry=1)
    criterion = RubricCriterionFactory(round=review, name="Motivation", max_score=10)
    reviewer = JudgeFactory(competition=call)
    entries = []
    for country, score, language in APPLICANTS:
        entry = EntryFactory(
            competition=call,
            country=country,
            applicant=UserFactory(preferred_language=language),
        )
        RoundEntryFactory(round=review, entry=entry)
        assignment = AssignmentFactory(round=review, entry=entry, judge=reviewer)
        services_scoring.assignment_score(
            user=reviewer.user, assignment=assignment, data={f"criterion_{criterion.pk}": score}
        )
        entries.append(entry)
    return call, staff, entries


def _selected(call) -> set[int]:
    return set(
        Entry.objects.filter(competition=call, decision="selected").values_list("pk", flat=True)
    )


def test_without_quotas_the_best_scores_are_selected(camp):
    call, staff, entries = camp
    services_selection.selection_run(user=staff, competition=call)
    assert _selected(call) == {entries[0].pk, entries[1].pk, entries[2].pk}


def test_quotas_are_met_and_the_choice_is_optimal(camp):
    call, staff, entries = camp
    services_selection.quota_set(
        user=staff, competition=call, country="TH", minimum="", maximum="1"
    )
    services_selection.quota_set(
        user=staff, competition=call, country="LA", minimum="1", maximum=""
    )
    services_selection.selection_run(user=staff, competition=call)
    chosen = _selected(call)
    assert chosen == {entries[0].pk, entries[3].pk, entries[5].pk}
    # Brute force over every subset of at most 3 meeting the quotas: none scores higher
    # (scores shifted so the lowest is 1, as the service does to fill the places).
    raw = services_selection.selection_scores(competition=call)
    shift = 1 - min(raw.values())
    scores = {pk: value + shift for pk, value in raw.items()}

    def allowed(subset):
        countries = [APPLICANTS[i][0] for i in subset]
        return countries.count("TH") <= 1 and countries.count("LA") >= 1

    best = max(
        sum(scores[entries[i].pk] for i in subset)
        for size in range(4)
        for subset in combinations(range(len(entries)), size)
        if allowed(subset)
    )
    assert sum(scores[pk] for pk in chosen) == pytest.approx(best)


def test_impossible_quotas_name_the_country(camp):
    call, staff, _entries = camp
    services_selection.quota_set(
        user=staff, competition=call, country="KH", minimum="1", maximum=""
    )
    with pytest.raises(ValidationError) as caught:
        services_selection.selection_run(user=staff, competition=call)
    assert "KH" in str(caught.value)


def test_quota_field_errors(camp):
    call, staff, _entries = camp
    with pytest.raises(ValidationError) as caught:
        services_selection.quota_set(
            user=staff, competition=call, country="QQ", minimum="x", maximum="-1"
        )
    assert set(caught.value.message_dict) == {"country", "minimum", "maximum"}
    with pytest.raises(ValidationError) as caught:
        services_selection.quota_set(
            user=staff, competition=call, country="TH", minimum="3", maximum="1"
        )
    assert "minimum" in caught.value.message_dict


def test_decisions_are_mailed_once_in_each_applicants_language(camp, worker, outbox):
    call, staff, entries = camp
    services_selection.selection_run(user=staff, competition=call)
    services_selection.decisions_publish(user=staff, competition=call)
    worker()
    assert len(outbox) == len(entries)
    by_recipient = {message.to[0]: message for message in outbox}
    thai = by_recipient[entries[0].applicant.email]
    assert entries[0].title in thai.body
    assert "ผลการตัดสิน: ได้รับคัดเลือก" in thai.body  # "Decision: Selected" in Thai
    lao = by_recipient[entries[5].applicant.email]
    assert "ບໍ່ຖືກຄັດເລືອກ" in lao.body  # "Not selected" in Lao
    assert Entry.objects.filter(competition=call, decision_notified_at__isnull=True).count() == 0
    services_selection.decisions_mail(competition_id=call.pk)
    worker()
    assert len(outbox) == len(entries)
    with pytest.raises(ValidationError):
        services_selection.selection_run(user=staff, competition=call)


def test_participants_page_and_exports(camp, client_for):
    call, staff, entries = camp
    services_selection.selection_run(user=staff, competition=call)
    client = client_for(staff)
    page = client.get(reverse("competitions:participants", args=[call.slug]))
    assert entries[0].applicant.full_name in page.content.decode()
    assert entries[5].applicant.full_name not in page.content.decode()
    response = client.get(reverse("competitions:export", args=[call.slug, "participants", "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["name", "email"] and len(rows) == 4
    response = client.get(reverse("competitions:export", args=[call.slug, "scores", "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == len(entries) + 1
    response = client.get(reverse("competitions:export", args=[call.slug, "rankings", "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][2] == "1" and len(rows) == len(entries) + 1
