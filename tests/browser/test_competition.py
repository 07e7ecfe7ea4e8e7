"""An entry is submitted, judges are assigned automatically by the real worker, two judges
score it in a blind round, staff publish the ranking and a visitor reads the results."""

import pytest

from techbridge.competitions.models import Assignment, Entry
from tests.browser.helpers import login, submit
from tests.factories import (
    CompetitionFactory,
    JudgeFactory,
    RoundFactory,
    RubricCriterionFactory,
    TrackFactory,
    UserFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Solar cassava dryer for village cooperatives"


def test_entry_to_published_ranking(live_server, browser, worker, settings):
    settings.COMPETITION_EMBEDDING_AFFINITY = False
    base = live_server.url
    competition = CompetitionFactory(slug="asean-innovation", title="ASEAN Innovation Competition")
    track = TrackFactory(competition=competition, name="Clean energy")
    round_ = RoundFactory(
        competition=competition, name="Open round", blind=True, judges_per_entry=2, max_load=5
    )
    for name, weight in (("Impact", 2), ("Feasibility", 1)):
        RubricCriterionFactory(round=round_, name=name, weight=weight, max_score=10)
    judges = [
        JudgeFactory(
            competition=competition,
            user=UserFactory(email=f"judge{n}@example.org", full_name=f"Judge {n}"),
            sectors=["energy"] if n < 2 else [],
        )
        for n in range(3)
    ]
    applicant = UserFactory(email="somchai@example.org", full_name="Somchai Kittipong")
    UserFactory(email="staff@centre.example.org", is_staff=True)

    # The applicant enters and submits.
    page = browser.new_context(locale="en-US").new_page()
    page.set_default_timeout(15_000)
    login(page, base, applicant.email)
    page.goto(f"{base}/competitions/{competition.slug}/")
    submit(page, "text=Enter the competition")
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", "Halves post-harvest losses with a passive solar dryer.")
    page.select_option("#id_track", str(track.pk))
    page.select_option("#id_country", "TH")
    page.select_option("#id_sectors", ["energy"])
    submit(page, "main form button[type=submit]")
    page.fill("#id_name", "Somchai Kittipong")
    submit(page, "text=Add team member")
    submit(page, "text=Submit entry")
    assert "Your entry is submitted." in page.content()
    entry = Entry.objects.get(title=TITLE)
    assert entry.status == "submitted"

    # Staff run the automatic assignment; the worker solves it.
    staff = browser.new_context(locale="en-US").new_page()
    staff.set_default_timeout(15_000)
    login(staff, base, "staff@centre.example.org")
    staff.goto(f"{base}/competitions/{competition.slug}/rounds/{round_.pk}/assignments/")
    submit(staff, "text=Assign judges automatically")
    worker()
    staff.reload()
    assert "Last run assigned 2 pairs" in staff.content()
    assigned = set(Assignment.objects.filter(entry=entry).values_list("judge_id", flat=True))
    assert assigned == {judges[0].pk, judges[1].pk}  # the two clean-energy experts

    # Both judges score; the blind round hides the team.
    for judge, (impact, feasibility) in zip(judges[:2], ((9, 7), (6, 8)), strict=True):
        judge_page = browser.new_context(locale="en-US").new_page()
        judge_page.set_default_timeout(15_000)
        login(judge_page, base, judge.user.email)
        judge_page.goto(f"{base}/competitions/judging/")
        submit(judge_page, f"text={TITLE}")
        assert "Somchai" not in judge_page.content()
        criteria = list(round_.criteria.order_by("position", "pk"))
        judge_page.fill(f"#id_criterion_{criteria[0].pk}", str(impact))
        judge_page.fill(f"#id_criterion_{criteria[1].pk}", str(feasibility))
        submit(judge_page, "text=Save scores")
        assert "Scores saved." in judge_page.content()
        judge_page.context.close()

    # Staff see the ranking and publish it; a visitor reads the results.
    staff.goto(f"{base}/competitions/{competition.slug}/rounds/{round_.pk}/ranking/")
    assert TITLE in staff.content()
    submit(staff, "text=Publish results")
    visitor = browser.new_context(locale="en-US").new_page()
    visitor.goto(f"{base}/competitions/{competition.slug}/rounds/{round_.pk}/results/")
    assert TITLE in visitor.content()
    assert "Somchai" not in visitor.content()
