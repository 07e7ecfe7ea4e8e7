"""List pages use a constant number of queries whatever the number of rows."""

import pytest
from django.urls import reverse

from tests.factories import (
    AssignmentFactory,
    CompetitionFactory,
    EntryFactory,
    JudgeFactory,
    RoundEntryFactory,
    TeamMemberFactory,
)

pytestmark = pytest.mark.django_db


def _grow(world, count: int) -> None:
    for _ in range(count):
        CompetitionFactory()
        entry = EntryFactory(
            competition=world.competition, track=world.track, applicant=world.applicant
        )
        TeamMemberFactory(entry=entry)
        RoundEntryFactory(round=world.round, entry=entry)
        judge = JudgeFactory(competition=world.competition)
        assignment = AssignmentFactory(round=world.round, entry=entry, judge=world.judge)
        assignment.scores = {str(c.pk): c.max_score for c in world.criteria}
        assignment.scored_at = assignment.created_at
        assignment.save()
        AssignmentFactory(round=world.round, entry=entry, judge=judge)


def _pages(world):
    slug = world.competition.slug
    return [
        (None, reverse("competitions:list")),
        (world.applicant, reverse("competitions:mine")),
        (world.judge.user, reverse("competitions:judging")),
        (world.staff, reverse("competitions:manage", args=[slug])),
        (world.staff, reverse("competitions:assignments", args=[slug, world.round.pk])),
        (world.staff, reverse("competitions:ranking", args=[slug, world.round.pk])),
        (world.staff, reverse("competitions:selection", args=[slug])),
        (world.staff, reverse("competitions:participants", args=[slug])),
        (world.staff, reverse("competitions:export", args=[slug, "rankings", "csv"])),
        (world.staff, reverse("competitions:export", args=[slug, "scores", "csv"])),
    ]


def test_list_pages_do_not_grow_with_rows(client_for, world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _grow(world, 2)
    small = {}
    for user, url in _pages(world):
        client = client_for(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        small[url] = len(queries)
    _grow(world, 8)
    for user, url in _pages(world):
        client = client_for(user)
        with django_assert_max_num_queries(small[url]):
            assert client.get(url).status_code == 200, url
