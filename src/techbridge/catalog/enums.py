from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    ANONYMISED = "anonymised", _("Anonymised (provider hidden)")
    MEMBERS = "members", _("Members only")


class TransferMode(models.TextChoices):
    LICENCE_EXCLUSIVE = "licence_exclusive", _("Exclusive licence")
    LICENCE_NON_EXCLUSIVE = "licence_non_exclusive", _("Non-exclusive licence")
    ASSIGNMENT = "assignment", _("Assignment (sale of IP)")
    JOINT_VENTURE = "joint_venture", _("Joint venture")
    CO_DEVELOPMENT = "co_development", _("Co-development")
    TECHNICAL_SERVICE = "technical_service", _("Technical service")
    EQUIPMENT_SALE = "equipment_sale", _("Equipment sale")


class IPStatus(models.TextChoices):
    PATENT_GRANTED = "patent_granted", _("Patent granted")
    PATENT_PENDING = "patent_pending", _("Patent pending")
    UTILITY_MODEL = "utility_model", _("Utility model")
    TRADE_SECRET = "trade_secret", _("Trade secret / know-how")
    SOFTWARE_COPYRIGHT = "software_copyright", _("Software copyright")
    NONE = "none", _("No registered IP")


class HelpKind(models.TextChoices):
    PRODUCT = "product", _("Product")
    PROCESS = "process", _("Process")
    KNOW_HOW = "know_how", _("Know-how")
    COLLABORATION = "collaboration", _("Collaboration")
    FINANCE = "finance", _("Finance")


class BudgetRange(models.TextChoices):
    UNDER_10K = "under_10k", _("Under 10,000 USD")
    FROM_10K = "10k_50k", _("10,000–50,000 USD")
    FROM_50K = "50k_200k", _("50,000–200,000 USD")
    FROM_200K = "200k_1m", _("200,000–1 million USD")
    OVER_1M = "over_1m", _("Over 1 million USD")
    UNKNOWN = "unknown", _("Not yet known")


class TranslationKind(models.TextChoices):
    HUMAN = "human", _("Human translation")
    MACHINE = "machine", _("Machine translation")


class ListingKind(models.TextChoices):
    TECHNOLOGY = "technology", _("Technology")
    NEED = "need", _("Need")


EVENT_LABELS = {
    "created": _("Created"),
    "edited": _("Edited"),
    "imported": _("Imported"),
    "submitted": _("Submitted for review"),
    "review_started": _("Review started"),
    "published": _("Published"),
    "changes_requested": _("Changes requested"),
    "rejected": _("Rejected"),
    "withdrawn": _("Withdrawn"),
    "renewed": _("Renewed"),
    "expired": _("Expired"),
    "machine_translated": _("Machine-translated"),
}
