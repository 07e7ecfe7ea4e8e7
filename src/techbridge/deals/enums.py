from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    INTEREST = "interest", _("Interest expressed")
    INTRODUCED = "introduced", _("Introduced")
    MEETING_HELD = "meeting_held", _("Meeting held")
    NEGOTIATING = "negotiating", _("Negotiating")
    AGREEMENT_SIGNED = "agreement_signed", _("Agreement signed")
    TRANSFERRED = "transferred", _("Technology transferred")
    CLOSED = "closed", _("Closed")
    DECLINED = "declined", _("Declined")


# The pipeline in order; closed and declined end a deal at any open stage.
PIPELINE = [
    Stage.INTEREST,
    Stage.INTRODUCED,
    Stage.MEETING_HELD,
    Stage.NEGOTIATING,
    Stage.AGREEMENT_SIGNED,
    Stage.TRANSFERRED,
]
TERMINAL = {Stage.TRANSFERRED, Stage.CLOSED, Stage.DECLINED}
OPEN = [stage for stage in PIPELINE if stage not in TERMINAL]

# Moves a party may make with "move stage". interest → introduced happens only by consent.
FORWARD = {
    Stage.INTRODUCED: {Stage.MEETING_HELD, Stage.NEGOTIATING},
    Stage.MEETING_HELD: {Stage.NEGOTIATING, Stage.AGREEMENT_SIGNED},
    Stage.NEGOTIATING: {Stage.AGREEMENT_SIGNED},
    Stage.AGREEMENT_SIGNED: {Stage.TRANSFERRED},
}
# A follow-up survey is due some months after these stages.
FOLLOW_UP_STAGES = {Stage.MEETING_HELD, Stage.AGREEMENT_SIGNED}


class Reason(models.TextChoices):
    TOO_EARLY = "too_early", _("Too early")
    BENEFIT_UNCLEAR = "benefit_unclear", _("Benefit unclear")
    NOT_MARKET_FIT = "not_market_fit", _("Not a fit for our market")
    PRICE_TERMS = "price_terms", _("Price or terms")
    ALREADY_SOLVED = "already_solved", _("Already solved")
    NO_RESPONSE = "no_response", _("No response")
    OTHER = "other", _("Other")


class Cooperation(models.TextChoices):
    LICENCE = "licence", _("Licence")
    PURCHASE = "purchase", _("Purchase of equipment or product")
    JOINT_DEVELOPMENT = "joint_development", _("Joint development")
    TECHNICAL_SERVICE = "technical_service", _("Technical service or training")
    PILOT = "pilot", _("Pilot or demonstration")
    INVESTMENT = "investment", _("Investment")
    DISTRIBUTION = "distribution", _("Distribution or local partnership")
    OTHER = "other", _("Other")


class FollowUpAnswer(models.TextChoices):
    NO_CONTACT = "no_contact", _("No further contact")
    IN_CONTACT = "in_contact", _("Still in contact")
    NEGOTIATING = "negotiating", _("Negotiating")
    AGREEMENT = "agreement", _("Cooperation agreement reached")


class Side(models.TextChoices):
    INTERESTED = "interested", _("Interested party")
    PROVIDER = "provider", _("Listing owner")
