"""Messages, attachments and agreement details: only after the introduction, only parties
write, staff read brokered deals."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from techbridge.deals import rules, services_thread
from techbridge.notifications.models import Notification

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_messages_open_only_after_consent(people, deal):
    with pytest.raises(ValidationError, match="introduction"):
        services_thread.message_post(user=people.interested, deal=deal, body="Hello?")


def test_parties_write_and_the_other_side_is_notified(people, introduced):
    services_thread.message_post(user=people.interested, deal=introduced, body="Next Tuesday?")
    services_thread.message_post(user=people.provider, deal=introduced, body="Fine.")
    assert [m.body for m in introduced.messages.all()] == ["Next Tuesday?", "Fine."]
    assert Notification.objects.filter(recipient=people.provider, kind="deal_message").count() == 1
    assert (
        Notification.objects.filter(recipient=people.interested, kind="deal_message").count() == 1
    )


@pytest.mark.parametrize("who", ["outsider", "staff", "focal_point"])
def test_non_parties_cannot_write(people, introduced, who):
    with pytest.raises(PermissionDenied):
        services_thread.message_post(user=getattr(people, who), deal=introduced, body="Hi")


def test_staff_read_the_thread_of_brokered_deals_only(people, introduced):
    assert rules.can_read_thread(people.staff, introduced)
    introduced.brokered = False
    assert not rules.can_read_thread(people.staff, introduced)
    assert not rules.can_read_thread(people.focal_point, introduced)
    assert rules.can_read_thread(people.provider, introduced)


def test_empty_or_long_message_is_a_field_error(people, introduced):
    for body in ["  ", "x" * 8001, None]:
        with pytest.raises(ValidationError) as error:
            services_thread.message_post(user=people.provider, deal=introduced, body=body)
        assert "body" in error.value.message_dict


def test_attachment_is_stored_under_media_with_a_safe_name(people, introduced, settings):
    upload = SimpleUploadedFile("../../etc/Term sheet (v2).pdf", PDF, "application/pdf")
    attachment = services_thread.attachment_add(
        user=people.provider, deal=introduced, upload=upload
    )
    name = attachment.file.name
    assert name.startswith(f"deals/{introduced.pk}/")
    assert ".." not in name and " " not in name and name.endswith(".pdf")
    assert (settings.MEDIA_ROOT / name).read_bytes() == PDF
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(PDF)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("tool.exe", b"MZ\x90\x00"),
        ("report.pdf", b"MZ\x90\x00 not a pdf"),
        ("picture.png", PDF),
        ("notes.txt", b"\xff\xfe\x00bad"),
        ("noextension", b"hello"),
    ],
)
def test_attachment_type_is_checked_by_extension_and_content(people, introduced, name, content):
    with pytest.raises(ValidationError) as error:
        services_thread.attachment_add(
            user=people.provider, deal=introduced, upload=SimpleUploadedFile(name, content)
        )
    assert "file" in error.value.message_dict


def test_attachment_size_is_limited(people, introduced, settings):
    settings.DEAL_ATTACHMENT_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="limit"):
        services_thread.attachment_add(
            user=people.provider,
            deal=introduced,
            upload=SimpleUploadedFile("big.pdf", PDF + b"0" * 200),
        )


def test_attachment_before_consent_or_by_outsider_is_refused(people, deal):
    upload = SimpleUploadedFile("a.pdf", PDF)
    with pytest.raises(ValidationError):
        services_thread.attachment_add(user=people.interested, deal=deal, upload=upload)
    with pytest.raises(PermissionDenied):
        services_thread.attachment_add(user=people.outsider, deal=deal, upload=upload)


def test_agreement_details_are_validated(people, introduced):
    services_thread.agreement_update(
        user=people.interested,
        deal=introduced,
        data={
            "agreement_type": "licence_exclusive",
            "value_range": "50k_200k",
            "agreement_countries": ["VN", "KH", "VN"],
        },
    )
    introduced.refresh_from_db()
    assert introduced.agreement_countries == ["VN", "KH"]
    with pytest.raises(ValidationError) as error:
        services_thread.agreement_update(
            user=people.interested,
            deal=introduced,
            data={"agreement_type": "gift", "value_range": "lots", "agreement_countries": ["XX"]},
        )
    assert set(error.value.message_dict) == {"agreement_type", "value_range", "agreement_countries"}
