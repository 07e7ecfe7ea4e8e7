"""The marketplace: who may see it, search and filters, query count, suggested meetings."""

import pytest
from django.urls import reverse

from techbridge.catalog import services as catalog_services
from tests.factories import (
    BrokerageFactory,
    BrokerageProfileFactory,
    EventFactory,
    MembershipFactory,
    NeedFactory,
    OrganisationFactory,
    RegistrationFactory,
    TechnologyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "pending", "participant", "other_participant", "staff"]


@pytest.fixture
def event():
    return BrokerageFactory().event


def _participant(event, *, name, country="TH", participant_type="provider", **profile):
    registration = RegistrationFactory(
        event=event, user__full_name=name, participant_type=participant_type
    )
    organisation = OrganisationFactory(country=country)
    MembershipFactory(user=registration.user, organisation=organisation)
    technologies = profile.pop("technologies", [])
    needs = profile.pop("needs", [])
    profile = BrokerageProfileFactory(
        registration=registration, organisation=organisation, **profile
    )
    profile.technologies.set(technologies)
    profile.needs.set(needs)
    return registration


@pytest.mark.parametrize("role", ROLES)
def test_marketplace_for_approved_participants_and_staff(client_for, event, role):
    users = {
        "anonymous": None,
        "outsider": UserFactory(),
        "pending": RegistrationFactory(event=event, status="pending").user,
        "participant": RegistrationFactory(event=event).user,
        "other_participant": RegistrationFactory(event=event).user,
        "staff": UserFactory(is_staff=True),
    }
    response = client_for(users[role]).get(reverse("events:marketplace", args=[event.slug]))
    if role == "anonymous":
        assert response.status_code == 302
    elif role in ("participant", "other_participant", "staff"):
        assert response.status_code == 200
        # Only approved participants are listed.
        assert users["pending"] not in [r.user for r in response.context["page"]]
    else:
        assert response.status_code == 403


def test_marketplace_of_event_without_brokerage_is_404(client_for):
    event = EventFactory()
    client = client_for(UserFactory(is_staff=True))
    assert client.get(reverse("events:marketplace", args=[event.slug])).status_code == 404


def test_search_and_filters(client_for, event):
    dryer = TechnologyFactory(title="Tunnel solar dryer", sectors=["agri.processing"])
    _participant(event, name="Li Wei", country="CN", offers="Solar dryers", technologies=[dryer])
    _participant(
        event,
        name="Sokha Chan",
        country="KH",
        participant_type="seeker",
        offers="",
        requests="ម៉ាស៊ីនសម្ងួត",
    )
    client = client_for(UserFactory(is_staff=True))
    url = reverse("events:marketplace", args=[event.slug])

    def names(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        return [r.user.full_name for r in response.context["page"]]

    assert names() == ["Li Wei", "Sokha Chan"]
    assert names(q="tunnel") == ["Li Wei"]
    assert names(q="ម៉ាស៊ីន") == ["Sokha Chan"]
    assert names(country="KH") == ["Sokha Chan"]
    assert names(participant_type="provider") == ["Li Wei"]
    assert names(sector="agri") == ["Li Wei"]
    assert names(side="offers") == ["Li Wei"]
    assert names(side="requests") == ["Li Wei", "Sokha Chan"]  # factory text for Li Wei
    # Bad input is ignored, never a 500.
    assert names(country="ZZ", page="x") == ["Li Wei", "Sokha Chan"]
    fragment = client.get(url, {"q": "tunnel"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in fragment.content and b"Li Wei" in fragment.content


def test_marketplace_query_count_is_constant(client_for, event, django_assert_max_num_queries):
    for n in range(25):
        _participant(
            event,
            name=f"Person {n:02}",
            technologies=[TechnologyFactory()],
            needs=[NeedFactory()],
        )
    reader = RegistrationFactory(event=event).user
    client = client_for(reader)
    url = reverse("events:marketplace", args=[event.slug])
    with django_assert_max_num_queries(16):
        response = client.get(url)
    assert len(response.context["page"]) == 20
    assert response.context["suggestions"] is None  # the reader has no listing
    assert b"Suggested meetings" not in response.content
    with django_assert_max_num_queries(16):
        response = client.get(url, {"page": "2"})
    assert len(response.context["page"]) == 6  # 25 + the reader


def _publish(listing, worker):
    catalog_services.listing_publish(user=UserFactory(is_staff=True), listing=listing)
    worker()
    return listing


def test_suggested_meetings_come_from_the_matching_engine(client_for, event, worker):
    dryer = _publish(
        TechnologyFactory(
            status="under_review",
            language="zh-hans",
            title="隧道式太阳能干燥机",
            summary="利用太阳能和光伏风机干燥稻谷、木薯和鱼，每批一吨。",
            description="聚碳酸酯隧道。",
            sectors=["agri.processing", "energy.solar"],
        ),
        worker,
    )
    cage = _publish(
        TechnologyFactory(
            status="under_review",
            language="zh-hans",
            title="深远海抗风浪养殖网箱",
            summary="适合石斑鱼养殖的深海网箱，可抗台风。",
            description="高密度聚乙烯框架。",
            sectors=["fish.mariculture"],
        ),
        worker,
    )
    need = _publish(
        NeedFactory(
            status="under_review",
            language="km",
            title="ម៉ាស៊ីនសម្ងួតថាមពលព្រះអាទិត្យសម្រាប់សហគមន៍កសិកម្ម",
            problem="សហគមន៍ត្រូវការសម្ងួតស្រូវ ត្រី និងស្វាយ ដោយថាមពលព្រះអាទិត្យ។",
            sectors=["agri.processing"],
        ),
        worker,
    )
    provider = _participant(event, name="Li Wei", technologies=[dryer])
    _participant(event, name="Chen Hai", technologies=[cage])
    reader = _participant(event, name="Sokha Chan", needs=[need])
    response = client_for(reader.user).get(reverse("events:marketplace", args=[event.slug]))
    suggestions = response.context["suggestions"]
    assert suggestions[0].registration == provider
    assert suggestions[0].reasons[0] == (need.title, dryer.title)
    assert reader not in [s.registration for s in suggestions]
    assert b"Suggested meetings" in response.content
