import numpy as np
import pytest

from techbridge.core.demo.experts import demo_experts, experts_demo_load
from techbridge.core.languages import ui_language_codes
from techbridge.experts.models import Expert
from techbridge.experts.selectors import experts_for_text
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_demo_experts_load_once_in_every_ui_language_and_the_worker_embeds_them(worker):
    rows = demo_experts()
    for slug in {row["organisation"] for row in rows}:
        OrganisationFactory(slug=slug)
    for row in rows:
        if row.get("user_email"):
            UserFactory(email=row["user_email"], full_name=row["name"])
    staff = UserFactory(is_staff=True)
    assert experts_demo_load(staff=staff) == 20
    assert experts_demo_load(staff=staff) == 0
    assert set(ui_language_codes()) <= set(Expert.objects.values_list("language", flat=True))
    assert Expert.objects.filter(is_verified=False).count() == 1
    assert Expert.objects.filter(user__isnull=True).count() == 2
    assert Expert.objects.filter(organisation__isnull=True).count() == 0
    worker()
    vectors = Expert.objects.exclude(vector=None).values_list("vector", flat=True)
    assert len(vectors) == 20
    assert all(np.frombuffer(bytes(v), dtype=np.float32).shape == (384,) for v in vectors)
    # a Khmer question about shrimp disease finds the shrimp farmers first
    found = experts_for_text(
        text="បង្គាងាប់ដោយសារជំងឺ និងគុណភាពទឹក", sectors=["fish.mariculture"], limit=5
    )
    assert {"陈家豪", "Hendra Wijaya"} <= {row.expert.name for row in found}
    assert "ปิยวัฒน์ ทองดี" not in {row.expert.name for row in found}  # unavailable
