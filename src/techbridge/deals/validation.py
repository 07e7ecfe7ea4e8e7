"""One validation for forms and the API: loose input in, model values or field errors out."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from techbridge.catalog.enums import BudgetRange, TransferMode
from techbridge.core.countries import is_country
from techbridge.deals.enums import Cooperation, FollowUpAnswer, Reason

TEXT_LIMITS = {"information_missing": 2000, "who_we_are": 2000, "message": 4000}

# Extension → (content type, check of the first bytes). Text files must decode as UTF-8.
ATTACHMENT_TYPES = {
    "pdf": ("application/pdf", lambda head: head.startswith(b"%PDF-")),
    "png": ("image/png", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    "jpg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    "jpeg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        lambda head: head.startswith(b"PK\x03\x04"),
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        lambda head: head.startswith(b"PK\x03\x04"),
    ),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        lambda head: head.startswith(b"PK\x03\x04"),
    ),
    "odt": ("application/vnd.oasis.opendocument.text", lambda h: h.startswith(b"PK\x03\x04")),
    "txt": ("text/plain", None),
    "csv": ("text/csv", None),
}


def _text(data: dict, name: str, errors: dict, required: bool = False) -> str:
    value = data.get(name) or ""
    if not isinstance(value, str):
        errors[name] = [_("Enter text.")]
        return ""
    value = value.strip()
    if required and not value:
        errors[name] = [_("This field is required.")]
    elif len(value) > TEXT_LIMITS.get(name, 2000):
        errors[name] = [
            _("At most %(limit)s characters, please.") % {"limit": TEXT_LIMITS.get(name, 2000)}
        ]
    return value


def interest_clean(data: dict) -> dict:
    """The structured answers of an expression of interest."""
    errors: dict[str, list[str]] = {}
    cooperation = data.get("cooperation") or []
    if isinstance(cooperation, str):
        cooperation = [cooperation]
    if not isinstance(cooperation, list) or not cooperation:
        errors["cooperation"] = [_("Choose at least one kind of cooperation.")]
        cooperation = []
    elif any(code not in Cooperation.values for code in cooperation):
        errors["cooperation"] = [_("Choose from the list.")]
    cleaned = {
        "cooperation": list(dict.fromkeys(cooperation)),
        "information_missing": _text(data, "information_missing", errors),
        "who_we_are": _text(data, "who_we_are", errors, required=True),
        "message": _text(data, "message", errors),
    }
    if errors:
        raise ValidationError(errors)
    return cleaned


def reason_clean(*, reason: str, reason_text: str) -> tuple[str, str]:
    reason_text = (reason_text or "").strip()
    if reason not in Reason.values:
        raise ValidationError({"reason": [_("Choose a reason from the list.")]})
    if reason == Reason.OTHER and not reason_text:
        raise ValidationError({"reason_text": [_("Say in a few words why.")]})
    if len(reason_text) > 2000:
        raise ValidationError(
            {"reason_text": [_("At most %(limit)s characters, please.") % {"limit": 2000}]}
        )
    return reason, reason_text


def agreement_clean(data: dict) -> dict:
    errors: dict[str, list[str]] = {}
    agreement_type = data.get("agreement_type") or ""
    if agreement_type and agreement_type not in TransferMode.values:
        errors["agreement_type"] = [_("Choose from the list.")]
    value_range = data.get("value_range") or ""
    if value_range and value_range not in BudgetRange.values:
        errors["value_range"] = [_("Choose from the list.")]
    countries = data.get("agreement_countries") or []
    if isinstance(countries, str):
        countries = [countries]
    if not isinstance(countries, list) or not all(
        isinstance(code, str) and is_country(code) for code in countries
    ):
        errors["agreement_countries"] = [_("Choose countries from the list.")]
    if errors:
        raise ValidationError(errors)
    return {
        "agreement_type": agreement_type,
        "value_range": value_range,
        "agreement_countries": list(dict.fromkeys(countries)),
    }


def attachment_clean(upload) -> str:
    """Checks size, extension and the file's first bytes; returns the content type."""
    limit = settings.DEAL_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            {
                "file": [
                    _("The file is %(size)s; the limit is %(limit)s.")
                    % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
                ]
            }
        )
    name = upload.name or ""
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension not in ATTACHMENT_TYPES:
        raise ValidationError(
            {
                "file": [
                    _("Allowed files: %(types)s.") % {"types": ", ".join(sorted(ATTACHMENT_TYPES))}
                ]
            }
        )
    content_type, check = ATTACHMENT_TYPES[extension]
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if check is None:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character cut at the end of the sample is fine.
            if error.start < len(head) - 4:
                raise ValidationError(
                    {"file": [_("The file's content does not match its type.")]}
                ) from None
    elif not check(head):
        raise ValidationError({"file": [_("The file's content does not match its type.")]})
    return content_type


def follow_up_clean(answer: str) -> str:
    if answer not in FollowUpAnswer.values:
        raise ValidationError({"answer": [_("Choose an answer from the list.")]})
    return answer
