"""A Cambodian reader opens a need written in Khmer, finds an expert whose expertise is written in
Chinese among "Experts who could help", and writes to them through the platform: the worker
e-mails the expert, and no page ever showed the expert's address."""

import pytest
from django.core.management import call_command

from techbridge.experts import services
from tests.browser.helpers import login
from tests.factories import MembershipFactory, NeedFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EXPERT_EMAIL = "wang.hai.private@aquaculture-institute.example.cn"


def test_khmer_need_suggests_a_chinese_expert_who_is_written_to(live_server, page, worker, outbox):
    call_command("seed_taxonomies", verbosity=0)  # reference data after flushed tables
    base = live_server.url
    staff = UserFactory(is_staff=True)
    expert = services.expert_add(
        user=staff,
        data={
            "name": "王海",
            "headline": "海水养殖研究员",
            "email": EXPERT_EMAIL,
            "phone": "+86 771 555 0199",
            "email_language": "zh-hans",
            "language": "zh-hans",
            "expertise": "对虾与海水鱼类养殖：池塘水质管理、病害防治、健康养殖技术推广。",
            "keywords": ["对虾", "水质管理"],
            "sectors": ["fish.mariculture"],
            "languages_spoken": ["zh-hans", "en"],
            "countries": ["CN", "KH", "VN"],
            "availability": "available",
            "visibility": "public",
        },
    )
    worker()  # embeds the expertise
    need = NeedFactory(
        language="km",
        title="ជំងឺបង្គានៅក្នុងស្រះចិញ្ចឹម",
        problem="បង្គារបស់សហគមន៍យើងងាប់ច្រើនដោយសារជំងឺ និងគុណភាពទឹកមិនល្អ។",
        sectors=["fish.mariculture"],
        organisation__country="KH",
    )
    reader = MembershipFactory(
        organisation__country="KH",
        user__email="sokha@kampot-coop.example.org",
        user__full_name="Sokha Chan",
        user__preferred_language="km",
    ).user
    seen: list[str] = []

    login(page, base, reader.email)
    page.goto(f"{base}/needs/{need.pk}/")
    suggestions = page.locator("section.expert-suggestions")
    suggestions.wait_for()
    seen.append(page.content())
    card = suggestions.locator("li.expert-card", has_text="王海")
    assert card.count() == 1
    assert card.locator("[lang=zh-hans]").first.is_visible()
    card.locator("a.button").click()
    page.wait_for_url(f"**/experts/{expert.pk}/?need={need.pk}*")
    seen.append(page.content())
    page.fill("#id_subject", "ជំងឺបង្គា")
    page.fill("#id_body", "សូមជួយណែនាំពីការគ្រប់គ្រងគុណភាពទឹកក្នុងស្រះបង្គា។")
    page.locator("section.contact button[type=submit]").click()
    page.wait_for_url(f"**/experts/{expert.pk}/")
    page.locator(".message").first.wait_for()
    seen.append(page.content())

    assert outbox == []
    worker()
    assert len(outbox) == 1
    sent = outbox[0]
    assert sent.to == [EXPERT_EMAIL]
    assert "សូមជួយណែនាំ" in sent.body and "sokha@kampot-coop.example.org" in sent.body
    assert f"/needs/{need.pk}/" in sent.body
    for html in seen:
        assert EXPERT_EMAIL not in html and "555 0199" not in html
