import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from techbridge.catalog import services
from techbridge.matching import services as services_matching
from techbridge.matching.models import IndexedDocument, RecommendationFeedback
from techbridge.organisations.enums import MemberRole
from tests.factories import (
    MembershipFactory,
    NeedFactory,
    OrganisationFactory,
    TechnologyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _publish(listing, worker):
    services.listing_publish(user=UserFactory(is_staff=True), listing=listing)
    worker()
    return listing


@pytest.fixture
def catalogue(worker):
    dryer = _publish(
        TechnologyFactory(
            status="under_review",
            language="zh-hans",
            title="隧道式太阳能干燥机",
            summary="利用太阳能和光伏风机干燥稻谷、木薯和鱼，每批一吨。",
            description="聚碳酸酯隧道。",
            sectors=["agri.processing", "energy.solar"],
            sdgs=[2, 7],
            organisation=OrganisationFactory(
                name="Guangxi Solar Co", slug="gx-solar", country="CN"
            ),
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
            sdgs=[14],
            organisation=OrganisationFactory(name="Hainan Ocean Co", slug="hn-ocean", country="CN"),
        ),
        worker,
    )
    need = _publish(
        NeedFactory(
            status="under_review",
            language="km",
            title="ម៉ាស៊ីនសម្ងួតថាមពលព្រះអាទិត្យសម្រាប់សហគមន៍កសិកម្ម",
            problem="សហគមន៍ត្រូវការសម្ងួតស្រូវ ត្រី និងស្វាយ ដោយថាមពលព្រះអាទិត្យ ដើម្បីកាត់បន្ថយការខាតបង់។",
            sectors=["agri.processing"],
            sdgs=[2],
        ),
        worker,
    )
    return dryer, cage, need


def test_publishing_indexes_through_the_worker(catalogue):
    assert IndexedDocument.objects.filter(removed=False).count() == 3


def test_search_in_thai_finds_chinese_dryer_with_highlight(client, catalogue):
    dryer, _cage, _need = catalogue
    response = client.get(
        reverse("matching:search"), {"q": "เครื่องอบแห้งพลังงานแสงอาทิตย์", "kind": "technology"}
    )
    results = response.context["results"]
    assert results[0].view.pk == dryer.pk
    assert response.context["total"] == 2
    client.cookies["techbridge_language"] = "th"
    page = client.get(reverse("matching:search"), {"q": "太阳能 干燥机"}).content.decode()
    assert "<mark>太阳能</mark>" in page


def test_search_facets_count_kinds(client, catalogue):
    facets = client.get(reverse("matching:search"), {"q": "solar dryer"}).context["facets"]
    assert dict((value, count) for value, _label, count in facets["kind"]) == {
        "technology": 2,
        "need": 1,
    }


def test_search_hides_unpublished_members_only_and_anonymised_provider(client, worker):
    secret = OrganisationFactory(name="Secret Provider Ltd", slug="secret-provider")
    _publish(
        TechnologyFactory(
            status="under_review",
            title="Solar rice dryer",
            visibility="anonymised",
            organisation=secret,
        ),
        worker,
    )
    _publish(
        TechnologyFactory(status="under_review", title="Solar fish dryer", visibility="members"),
        worker,
    )
    draft = TechnologyFactory(status="draft", title="Solar mango dryer")
    services.listing_update(user=UserFactory(is_staff=True), listing=draft, data={"trl": "7"})
    worker()
    page = client.get(reverse("matching:search"), {"q": "solar dryer"})
    titles = [r.view.title.text for r in page.context["results"]]
    assert titles == ["Solar rice dryer"]
    html = page.content.decode()
    assert "Secret Provider Ltd" not in html
    assert "secret-provider" not in html
    client.force_login(MembershipFactory().user)
    titles = [
        r.view.title.text
        for r in client.get(reverse("matching:search"), {"q": "solar dryer"}).context["results"]
    ]
    assert sorted(titles) == ["Solar fish dryer", "Solar rice dryer"]


def test_withdrawn_listing_leaves_search_results(client, catalogue, worker):
    dryer, _cage, _need = catalogue
    admin = MembershipFactory(organisation=dryer.organisation, role=MemberRole.ADMIN).user
    services.listing_withdraw(user=admin, listing=dryer)
    worker()
    results = client.get(reverse("matching:search"), {"q": "太阳能干燥机"}).context["results"]
    assert dryer.pk not in [r.view.pk for r in results if r.view.kind == "technology"]


def test_zawgyi_query_gives_same_results_as_unicode(client, worker):
    _publish(
        TechnologyFactory(
            status="under_review",
            language="zh-hans",
            title="农村饮用水净化设备",
            summary="为村庄提供安全饮用水。",
        ),
        worker,
    )
    _publish(
        TechnologyFactory(
            status="under_review", language="zh-hans", title="水稻插秧机", summary="机械化插秧。"
        ),
        worker,
    )
    unicode_results = client.get(reverse("matching:search"), {"q": "ရေသန့်စက်"}).context["results"]
    zawgyi_results = client.get(reverse("matching:search"), {"q": "ေရသန္႔စက္"}).context["results"]
    assert [r.view.pk for r in unicode_results] == [r.view.pk for r in zawgyi_results]


def test_crashed_worker_loses_nothing_reindex_catches_up(client, worker):
    technology = TechnologyFactory(status="under_review", title="Biogas digester for rice straw")
    services.listing_publish(user=UserFactory(is_staff=True), listing=technology)
    # The worker died while indexing: the task is stuck as running and will not be retried.
    DBTaskResult.objects.filter(task_path__endswith="index_listings").update(status="RUNNING")
    worker()
    assert not IndexedDocument.objects.filter(listing_id=technology.pk).exists()
    call_command("reindex", missing=True, skip_labels=True)
    results = client.get(reverse("matching:search"), {"q": "biogas from rice straw"}).context[
        "results"
    ]
    assert [r.view.pk for r in results] == [technology.pk]


def test_recommendations_for_khmer_need_show_dryer_first_with_reasons(client, catalogue):
    dryer, _cage, need = catalogue
    page = client.get(reverse("catalog:need", args=[need.pk]))
    recommendations = page.context["recommendations"]
    assert recommendations[0].view.pk == dryer.pk
    assert recommendations[0].shared_sectors == ["agri.processing"]
    assert recommendations[0].shared_sdgs == [2]


def test_recommendations_never_show_readers_own_organisation(client, catalogue):
    dryer, _cage, need = catalogue
    client.force_login(MembershipFactory(organisation=dryer.organisation).user)
    recommendations = client.get(reverse("catalog:need", args=[need.pk])).context["recommendations"]
    assert dryer.pk not in [r.view.pk for r in recommendations]


def test_recommendation_feedback_by_members_only(client, catalogue):
    dryer, _cage, need = catalogue
    url = reverse("matching:recommendation_feedback", args=["need", need.pk])
    data = {"target_kind": "technology", "target_id": dryer.pk, "relevant": "1"}
    assert client.post(url, data).status_code == 302  # to sign in
    client.force_login(UserFactory())
    assert client.post(url, data).status_code == 403
    member = MembershipFactory().user
    client.force_login(member)
    assert client.post(url, data).status_code == 200
    assert client.post(url, {**data, "relevant": "0"}).status_code == 200
    assert list(RecommendationFeedback.objects.values_list("user", "relevant")) == [
        (member.pk, False)
    ]
    assert client.post(url, {**data, "target_kind": "x"}).status_code == 400


def test_search_page_without_query_is_empty_and_fast(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get(reverse("matching:search"))
    assert response.status_code == 200
    assert response.context["results"] == []


def test_api_search_and_recommendations(client, catalogue):
    dryer, _cage, need = catalogue
    body = client.get("/api/search", {"q": "solar dryer", "kind": "technology"}).json()
    assert body["items"][0]["listing"]["id"] == dryer.pk
    assert body["facets"]["kind"] == {"technology": 2, "need": 1}
    recs = client.get(f"/api/need/{need.pk}/recommendations").json()
    assert recs[0]["listing"]["id"] == dryer.pk
    assert recs[0]["shared_sdgs"] == [2]
    assert client.get("/api/other/1/recommendations").status_code == 404


def test_dashboard_suggests_partners(client, catalogue):
    dryer, _cage, need = catalogue
    member = MembershipFactory(organisation=need.organisation).user
    client.force_login(member)
    partners = client.get(reverse("catalog:dashboard", args=[need.organisation.slug])).context[
        "partners"
    ]
    assert partners[0][0] == dryer.organisation


def test_feedback_is_counted_in_evaluation(client, catalogue, capsys):
    dryer, cage, need = catalogue
    member = MembershipFactory().user
    for target, relevant in ((dryer, True), (cage, False)):
        services_matching.recommendation_feedback_save(
            user=member,
            source=need,
            target_kind="technology",
            target_id=target.pk,
            relevant=relevant,
        )
    call_command("eval_feedback")
    result = json.loads(capsys.readouterr().out)
    assert result == {
        "judged": 2,
        "relevant": 1,
        "not_relevant": 1,
        "relevant_in_top10": 1,
        "not_relevant_in_top10": 1,
        "precision@10": 0.5,
        "relevant_mrr": 1.0,
    }
    call_command("eval_feedback", depth=1)
    assert json.loads(capsys.readouterr().out)["not_relevant_in_top1"] == 0
