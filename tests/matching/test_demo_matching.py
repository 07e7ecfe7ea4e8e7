"""On the real demo data: the Khmer farmer cooperative's need finds a Chinese solar dryer."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django_tasks_db.models import DBTaskResult

from techbridge.accounts.models import User
from techbridge.catalog.models import Need, Technology
from techbridge.core.demo.loader import demo_load
from techbridge.curation.models import Call, Submission
from techbridge.deals.models import Deal
from techbridge.events.models import Event
from techbridge.matching.models import IndexedDocument
from techbridge.matching.recommend import recommendations_for
from techbridge.matching.services import listings_index
from techbridge.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def khmer_need(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        demo_load()
        chinese = list(Technology.objects.filter(language="zh-hans").values_list("pk", flat=True))
        for start in range(0, len(chinese), 50):
            listings_index(kind="technology", pks=chinese[start : start + 50])
        need = Need.objects.get(external_id="TB-N-0001")
        listings_index(kind="need", pks=[need.pk])
    yield need
    with django_db_blocker.unblock():
        for model in (
            Event,
            Deal,
            IndexedDocument,
            Submission,
            Call,
            Technology,
            Need,
            Organisation,
            User,
            DBTaskResult,
        ):
            model.objects.all().delete()


def test_khmer_need_finds_chinese_solar_dryer_in_top_three(khmer_need):
    assert khmer_need.language == "km"
    top = recommendations_for(user=AnonymousUser(), listing=khmer_need, limit=3)
    originals = Technology.objects.in_bulk([rec.view.pk for rec in top])
    dryers = [
        rec
        for rec in top
        if originals[rec.view.pk].language == "zh-hans"
        and "energy.solar" in [code for code, _name in rec.view.sectors]
        and "干燥" in originals[rec.view.pk].title + originals[rec.view.pk].summary
    ]
    assert dryers, [rec.view.title.text for rec in top]
