import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from techbridge.curation import selectors, services
from techbridge.curation.models import Call, Submission
from techbridge.organisations.enums import MemberRole
from tests.factories import (
    CallFactory,
    CriterionFactory,
    MembershipFactory,
    ReviewAssignmentFactory,
    SubmissionFactory,
    TechnologyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_call_create_by_staff_with_criteria():
    staff = UserFactory(is_staff=True)
    call = services.call_create(
        user=staff,
        data={
            "title": "Water technologies 2027",
            "description": "Clean water.",
            "language": "en",
            "deadline": timezone.now() + datetime.timedelta(days=10),
            "target_count": 50,
            "eligible_countries": ["cn", "th"],
        },
        criteria=[
            {"name": "Impact", "weight": Decimal("2")},
            {"name": "Cost", "weight": Decimal("1")},
        ],
    )
    assert call.slug == "water-technologies-2027"
    assert call.eligible_countries == ["CN", "TH"]
    assert [c.name for c in call.criteria.all()] == ["Impact", "Cost"]


def test_call_create_refused_for_non_staff_and_bad_input():
    with pytest.raises(PermissionDenied):
        services.call_create(user=UserFactory(), data={}, criteria=[])
    with pytest.raises(ValidationError) as error:
        services.call_create(
            user=UserFactory(is_staff=True), data={"eligible_countries": ["XX"]}, criteria=[]
        )
    assert "eligible_countries" in error.value.message_dict


def test_submission_of_draft_also_submits_the_listing_for_review():
    call = CallFactory()
    technology = TechnologyFactory(status="draft")
    admin = MembershipFactory(organisation=technology.organisation, role=MemberRole.ADMIN).user
    services.submission_create(user=admin, call=call, technology=technology)
    technology.refresh_from_db()
    assert technology.status == "submitted"
    with pytest.raises(ValidationError, match="already submitted"):
        services.submission_create(user=admin, call=call, technology=technology)


def test_submission_checks_eligible_country_and_sector():
    call = CallFactory(eligible_countries=["TH"])
    technology = TechnologyFactory(organisation__country="CN")
    admin = MembershipFactory(organisation=technology.organisation, role=MemberRole.ADMIN).user
    with pytest.raises(ValidationError, match="country"):
        services.submission_create(user=admin, call=call, technology=technology)


def test_submission_after_deadline_is_refused():
    call = CallFactory(deadline=timezone.now() - datetime.timedelta(minutes=1))
    technology = TechnologyFactory()
    admin = MembershipFactory(organisation=technology.organisation, role=MemberRole.ADMIN).user
    with pytest.raises(ValidationError, match="closed"):
        services.submission_create(user=admin, call=call, technology=technology)


def test_reviewer_from_same_organisation_is_refused():
    submission = SubmissionFactory()
    colleague = MembershipFactory(organisation=submission.technology.organisation).user
    with pytest.raises(ValidationError):
        services.review_assign(
            user=UserFactory(is_staff=True), submission=submission, reviewer=colleague
        )


def test_review_scores_are_validated_and_weighted():
    call = CallFactory()
    impact = CriterionFactory(call=call, weight=Decimal("3"), max_score=5)
    cost = CriterionFactory(call=call, weight=Decimal("1"), max_score=10)
    assignment = ReviewAssignmentFactory(submission__call=call)
    with pytest.raises(ValidationError) as error:
        services.review_save(
            user=assignment.reviewer,
            assignment=assignment,
            scores={str(impact.pk): "6", str(cost.pk): "x"},
            comment="",
        )
    assert set(error.value.message_dict) == {f"score_{impact.pk}", f"score_{cost.pk}"}
    services.review_save(
        user=assignment.reviewer,
        assignment=assignment,
        scores={str(impact.pk): "5", str(cost.pk): "5"},
        comment="Good",
    )
    # (3 × 5/5 + 1 × 5/10) / 4 = 0.875
    ranking = selectors.call_ranking(call=call)
    assert ranking[0].score == Decimal("87.5")
    with pytest.raises(PermissionDenied):
        services.review_save(user=UserFactory(), assignment=assignment, scores={}, comment="")


def test_ranking_orders_by_mean_score_and_keeps_unscored_last():
    call = CallFactory()
    criterion = CriterionFactory(call=call, max_score=5)
    low, high, none = (SubmissionFactory(call=call) for _n in range(3))
    for submission, score in ((low, 2), (high, 5)):
        ReviewAssignmentFactory(
            submission=submission, scores={str(criterion.pk): score}, reviewed_at=timezone.now()
        )
    assert [r.submission for r in selectors.call_ranking(call=call)] == [high, low, none]


def test_collection_shows_only_selected_published_technologies(client):
    call = CallFactory(state="published")
    selected = SubmissionFactory(call=call, decision="selected", technology__title="Chosen dryer")
    SubmissionFactory(call=call, decision="not_selected", technology__title="Other dryer")
    SubmissionFactory(
        call=call,
        decision="selected",
        technology__status="withdrawn",
        technology__title="Withdrawn dryer",
    )
    page = client.get(reverse("curation:collection", args=[call.slug])).content.decode()
    assert "Chosen dryer" in page
    assert "Other dryer" not in page
    assert "Withdrawn dryer" not in page
    xlsx = client.get(reverse("curation:collection", args=[call.slug]), {"format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert list(selectors.call_collection(call=call)) == [selected.technology]


def test_collection_of_unpublished_call_is_hidden_from_visitors(client):
    call = CallFactory(state="closed")
    assert client.get(reverse("curation:collection", args=[call.slug])).status_code == 404
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("curation:collection", args=[call.slug])).status_code == 200


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("member", 403), ("staff", 200)])
def test_manage_page_is_for_staff(client, role, status):
    call = CallFactory()
    users = {
        "anonymous": None,
        "member": MembershipFactory().user,
        "staff": UserFactory(is_staff=True),
    }
    if users[role]:
        client.force_login(users[role])
    assert client.get(reverse("curation:manage", args=[call.slug])).status_code == status


def test_draft_call_is_invisible_to_public(client):
    call = CallFactory(state="draft")
    assert client.get(reverse("curation:detail", args=[call.slug])).status_code == 404
    assert call.title not in client.get(reverse("curation:list")).content.decode()


def test_staff_manage_flow_assign_select_publish(client):
    call = CallFactory()
    submission = SubmissionFactory(call=call)
    reviewer = UserFactory(email="reviewer@example.org")
    client.force_login(UserFactory(is_staff=True))
    url = reverse("curation:manage", args=[call.slug])
    client.post(
        url, {"action": "assign", "submission": submission.pk, "email": "Reviewer@example.org"}
    )
    client.post(url, {"action": "select", "submission": submission.pk})
    client.post(url, {"action": "state", "state": "published"})
    submission.refresh_from_db()
    assert submission.assignments.get().reviewer == reviewer
    assert submission.decision == Submission.Decision.SELECTED
    assert Call.objects.get().state == "published"


def test_review_page_for_assigned_reviewer_only(client):
    assignment = ReviewAssignmentFactory()
    CriterionFactory(call=assignment.submission.call)
    client.force_login(UserFactory())
    assert client.get(reverse("curation:review", args=[assignment.pk])).status_code == 403
    client.force_login(assignment.reviewer)
    assert client.get(reverse("curation:review", args=[assignment.pk])).status_code == 200


def test_member_submits_from_call_page(client):
    call = CallFactory()
    technology = TechnologyFactory()
    admin = MembershipFactory(organisation=technology.organisation, role=MemberRole.ADMIN).user
    client.force_login(admin)
    page = client.get(reverse("curation:detail", args=[call.slug]))
    assert page.context["own_technologies"] == [technology]
    client.post(reverse("curation:submit", args=[call.slug]), {"technology": technology.pk})
    assert call.submissions.get().technology == technology
    outsider = UserFactory()
    client.force_login(outsider)
    other = TechnologyFactory()
    response = client.post(reverse("curation:submit", args=[call.slug]), {"technology": other.pk})
    assert response.status_code == 403
