"""A small competition shared by the competitions tests: one country round (Thailand,
blind, same-country conflicts) with a two-criterion rubric, a final, entries and judges."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from techbridge.organisations.enums import MemberRole
from tests.factories import (
    CompetitionFactory,
    EntryFactory,
    JudgeFactory,
    MembershipFactory,
    OrganisationFactory,
    RoundEntryFactory,
    RoundFactory,
    RubricCriterionFactory,
    TeamMemberFactory,
    TrackFactory,
    UserFactory,
)


@dataclass
class World:
    competition: object
    track: object
    round: object
    final: object
    criteria: list
    entry: object
    other_entry: object
    applicant: object
    other_applicant: object
    judge: object
    conflicted_judge: object
    staff: object
    organisation: object


@pytest.fixture
def no_embeddings(settings):
    settings.COMPETITION_EMBEDDING_AFFINITY = False


@pytest.fixture
def world(db, no_embeddings) -> World:
    competition = CompetitionFactory(
        title="ASEAN Innovation Competition", eligible_countries=["TH", "VN", "CN"]
    )
    track = TrackFactory(competition=competition, name="Clean energy")
    round_ = RoundFactory(
        competition=competition,
        name="Thailand round",
        country="TH",
        blind=True,
        same_country_conflict=False,
        judges_per_entry=1,
    )
    final = RoundFactory(competition=competition, name="Final", level=2, judges_per_entry=1)
    criteria = [
        RubricCriterionFactory(round=round_, name="Impact", weight=2, max_score=10),
        RubricCriterionFactory(
            round=round_, name="Feasibility", weight=1, min_score=1, max_score=5
        ),
    ]
    organisation = OrganisationFactory(name="Siam Solar Ltd", country="TH")
    applicant = MembershipFactory(organisation=organisation, role=MemberRole.ADMIN).user
    entry = EntryFactory(
        competition=competition,
        track=track,
        applicant=applicant,
        organisation=organisation,
        title="Solar cassava dryer",
        country="TH",
    )
    TeamMemberFactory(entry=entry, name="Somchai Kittipong", organisation_name="Siam Solar Ltd")
    other_applicant = UserFactory(full_name="Nguyen Van Other")
    other_entry = EntryFactory(
        competition=competition, track=track, applicant=other_applicant, title="Biogas kit"
    )
    RoundEntryFactory(round=round_, entry=entry)
    RoundEntryFactory(round=round_, entry=other_entry)
    judge = JudgeFactory(competition=competition, name="Dr Judge", country="VN")
    conflicted_user = MembershipFactory(organisation=organisation, role=MemberRole.MEMBER).user
    conflicted_judge = JudgeFactory(competition=competition, user=conflicted_user, country="TH")
    return World(
        competition=competition,
        track=track,
        round=round_,
        final=final,
        criteria=criteria,
        entry=entry,
        other_entry=other_entry,
        applicant=applicant,
        other_applicant=other_applicant,
        judge=judge,
        conflicted_judge=conflicted_judge,
        staff=UserFactory(is_staff=True),
        organisation=organisation,
    )


def past(days: int = 1):
    return timezone.now() - datetime.timedelta(days=days)
