import datetime
import functools

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from techbridge.accounts.models import FailedLogin, User
from techbridge.api.models import ApiToken
from techbridge.organisations.enums import MemberRole, OrganisationKind
from techbridge.organisations.models import Invitation, JoinRequest, Membership, Organisation

PASSWORD = "correct-horse-battery-staple"


@functools.cache
def _hashed_password() -> str:
    return make_password(PASSWORD)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    preferred_language = "en"
    time_zone = "Asia/Bangkok"
    email_verified_at = factory.LazyFunction(timezone.now)
    # Argon2 is slow on purpose; hash the shared test password once, not per user.
    password = factory.LazyFunction(_hashed_password)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"organisation-{n}")
    name = factory.Sequence(lambda n: f"Organisation {n}")
    language = "en"
    kind = OrganisationKind.UNIVERSITY
    country = "TH"
    region = "Chiang Mai"
    website = "https://organisation.example.org"
    description = "Works on solar drying of crops."


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = MemberRole.MEMBER


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = MemberRole.MEMBER


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    message = "We would like to join."


class FailedLoginFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FailedLogin

    email = "someone@example.org"
    ip_address = "127.0.0.1"


class ApiTokenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApiToken

    user = factory.SubFactory(UserFactory)
    name = "integration"
    prefix = factory.Sequence(lambda n: f"tb_{n:07d}")
    digest = factory.Sequence(lambda n: f"{n:064x}")


# --- catalogue and curation ------------------------------------------------------------


def _sectors(codes):
    from techbridge.catalog.models import Sector

    return list(Sector.objects.filter(code__in=codes))


def _goals(numbers):
    from techbridge.catalog.models import SDGGoal

    return list(SDGGoal.objects.filter(number__in=numbers))


class _ListingFactory(factory.django.DjangoModelFactory):
    organisation = factory.SubFactory(OrganisationFactory, country="CN")
    language = "en"
    status = "published"
    visibility = "public"
    published_at = factory.LazyFunction(timezone.now)
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=200))
    contact_name = "Li Wei"
    contact_email = factory.Sequence(lambda n: f"contact{n}@provider.example.org")

    @factory.post_generation
    def sectors(obj, create, extracted, **kwargs):
        if create:
            obj.sectors.set(_sectors(extracted or ["agri.processing"]))

    @factory.post_generation
    def sdgs(obj, create, extracted, **kwargs):
        if create:
            obj.sdgs.set(_goals(extracted or [2]))


class TechnologyFactory(_ListingFactory):
    class Meta:
        model = "catalog.Technology"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Solar tunnel dryer model {n}")
    summary = "Dries rice and cassava with sunlight and PV fans."
    description = "A polycarbonate tunnel with photovoltaic fans dries one tonne per batch."
    trl = 8
    ip_status = "patent_granted"
    patent_numbers = factory.Sequence(lambda n: [f"CN20231{n:07d}.X"])
    ip_jurisdictions = ["CN"]
    countries_developed = ["CN"]
    countries_deployed = ["CN", "KH"]
    website = "https://dryer.example.org/product"

    @factory.post_generation
    def transfer_modes(obj, create, extracted, **kwargs):
        if create:
            from techbridge.catalog.models import TechnologyTransferMode

            for mode in extracted or ["licence_non_exclusive"]:
                TechnologyTransferMode.objects.create(technology=obj, mode=mode)


class TechnologyTransferModeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalog.TechnologyTransferMode"

    technology = factory.SubFactory(TechnologyFactory, transfer_modes=["assignment"])
    mode = "technical_service"


class NeedFactory(_ListingFactory):
    class Meta:
        model = "catalog.Need"
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory, country="KH")
    title = factory.Sequence(lambda n: f"Drying fish without smoke {n}")
    problem = "Open-air drying loses a fifth of the catch to rain and flies."
    country = "KH"
    region = "Kampot"
    help_kinds = ["product"]
    budget_range = "10k_50k"


class ListingEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalog.ListingEvent"

    technology = factory.SubFactory(TechnologyFactory)
    action = "edited"


class ImportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalog.ImportJob"

    organisation = factory.SubFactory(OrganisationFactory)
    kind = "technology"
    filename = "technologies.csv"
    content = b"language,title\n"
    created_by = factory.SubFactory(UserFactory)


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "curation.Call"

    slug = factory.Sequence(lambda n: f"call-{n}")
    title = factory.Sequence(lambda n: f"Sustainability technologies {n}")
    description = "Advanced and applicable technologies."
    language = "en"
    deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    target_count = 100
    state = "open"


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "curation.Criterion"

    call = factory.SubFactory(CallFactory)
    name = factory.Sequence(lambda n: f"Criterion {n}")
    weight = 1
    max_score = 5


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "curation.Submission"

    call = factory.SubFactory(CallFactory)
    technology = factory.SubFactory(TechnologyFactory)


class ReviewAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "curation.ReviewAssignment"

    submission = factory.SubFactory(SubmissionFactory)
    reviewer = factory.SubFactory(UserFactory)


# --- events ------------------------------------------------------------------------------


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Event"

    slug = factory.Sequence(lambda n: f"event-{n}")
    title = factory.Sequence(lambda n: f"China-ASEAN technology forum {n}")
    description = "Forum, matchmaking and exhibition."
    language = "en"
    kind = "forum"
    venue = "Nanning International Convention Centre"
    online = True
    time_zone = "Asia/Shanghai"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(days=2))
    is_published = True


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Session"

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Sub-forum {n}")
    room = "Hall A"
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Speaker"

    session = factory.SubFactory(SessionFactory)
    name = factory.Sequence(lambda n: f"Speaker {n}")
    affiliation = "Guangxi University"


class BoothFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Booth"

    event = factory.SubFactory(EventFactory, kind="exhibition")
    organisation = factory.SubFactory(OrganisationFactory)
    label = factory.Sequence(lambda n: f"B{n}")


class RegistrationQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.RegistrationQuestion"

    event = factory.SubFactory(EventFactory)
    label = factory.Sequence(lambda n: f"Question {n}")
    kind = "text"
    required = False


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Registration"

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    participant_type = "provider"
    attendance = "in_person"
    status = "approved"


# --- deals and notifications -------------------------------------------------------------


class DealFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "deals.Deal"

    technology = factory.SubFactory(TechnologyFactory)
    target_kind = "technology"
    interested_organisation = factory.SubFactory(OrganisationFactory, country="VN")
    interested_user = factory.SubFactory(UserFactory)
    listing_organisation = factory.LazyAttribute(lambda o: o.technology.organisation)
    stage = "interest"


class ExpressionOfInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "deals.ExpressionOfInterest"

    deal = factory.SubFactory(DealFactory)
    cooperation = ["licence"]
    who_we_are = "A food processor with three plants."
    message = "We would like to know more."


class DealStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "deals.DealStep"

    deal = factory.SubFactory(DealFactory)
    stage = "interest"


class DealMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "deals.DealMessage"

    deal = factory.SubFactory(DealFactory)
    author = factory.SubFactory(UserFactory)
    body = "Shall we meet next week?"


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "deals.FollowUp"

    deal = factory.SubFactory(DealFactory)
    after_stage = "meeting_held"
    due_on = factory.LazyFunction(timezone.localdate)


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "notifications.Notification"

    recipient = factory.SubFactory(UserFactory)
    kind = "deal_message"
    payload = factory.LazyFunction(lambda: {"listing": "Solar dryer", "link": "/deals/"})


class BrokerageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Brokerage"

    event = factory.SubFactory(EventFactory, kind="matchmaking")
    max_meetings = 12


class MeetingSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.MeetingSlot"

    event = factory.SubFactory(EventFactory)
    starts_at = factory.Sequence(
        lambda n: (
            timezone.now().replace(minute=0, second=0, microsecond=0)
            + datetime.timedelta(days=30, minutes=30 * n)
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(minutes=30))


class MeetingTableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.MeetingTable"

    event = factory.SubFactory(EventFactory)
    label = factory.Sequence(lambda n: f"Table {n + 1}")
    position = factory.Sequence(lambda n: n)


class BrokerageProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.BrokerageProfile"

    registration = factory.SubFactory(RegistrationFactory)
    language = "en"
    offers = "Solar dryers for rice and cassava."
    requests = "Distributors in Cambodia."


class MeetingRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.MeetingRequest"

    requester = factory.SubFactory(RegistrationFactory)
    receiver = factory.SubFactory(
        RegistrationFactory, event=factory.SelfAttribute("..requester.event")
    )
    event = factory.SelfAttribute("requester.event")
    message = "Shall we meet?"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Meeting"

    request = factory.SubFactory(MeetingRequestFactory, status="accepted")
    event = factory.SelfAttribute("request.event")
    person_a = factory.SelfAttribute("request.requester")
    person_b = factory.SelfAttribute("request.receiver")


class ScheduleRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.ScheduleRun"

    event = factory.SubFactory(EventFactory)


class MeetingFeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.MeetingFeedback"

    meeting = factory.SubFactory(MeetingFactory)
    registration = factory.SelfAttribute("meeting.person_a")
    outcome = "informative"


# Competitions and programmes


class CompetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "competitions.Competition"

    slug = factory.Sequence(lambda n: f"competition-{n}")
    title = factory.Sequence(lambda n: f"Innovation and Entrepreneurship Competition {n}")
    description = "Country rounds, then a final in Nanning."
    language = "en"
    kind = "competition"
    time_zone = "Asia/Shanghai"
    entry_deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    is_published = True


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "competitions.Track"

    competition = factory.SubFactory(CompetitionFactory)
    name = factory.Sequence(lambda n: f"Track {n}")


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "competitions.Round"

    competition = factory.SubFactory(CompetitionFactory)
    name = factory.Sequence(lambda n: f"Round {n}")
    level = 1
    scoring_deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=60))
    judges_per_entry = 2
    min_load = 0
    max_load = 10


class RubricCriterionFactory(factory.django.DjangoModelFactory):
    """A competition round's criterion (CriterionFactory is curation's)."""

    class Meta:
        model = "competitions.Criterion"

    round = factory.SubFactory(RoundFactory)
    name = factory.Sequence(lambda n: f"Criterion {n}")
    weight = 1
    min_score = 0
    max_score = 10


class EntryFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "competitions.EntryField"

    competition = factory.SubFactory(CompetitionFactory)
    label = factory.Sequence(lambda n: f"Question {n}")
    kind = "text"


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "competitions.Entry"

    competition = factory.SubFactory(CompetitionFactory)
    applicant = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Solar dryer for cassava {n}")
    summary = "A low-cost solar dryer that halves post-harvest losses."
    language = "en"
    country = "TH"
    status = "submitted"
    submitted_at = factory.LazyFunction(timezone.now)


class EntryAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "competitions.EntryAttachment"

    entry = factory.SubFactory(EntryFactory)
    field = factory.SubFactory(
        EntryFieldFactory, competition=factory.SelfAttribute("..entry.competition"), kind="file"
    )
    file = factory.django.FileField(filename="pitch.pdf", data=b"%PDF-1.4 test")
    original_name = "pitch.pdf"
    size = 13
    content_type = "application/pdf"


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "competitions.TeamMember"

    entry = factory.SubFactory(EntryFactory)
    name = factory.Sequence(lambda n: f"Team member {n}")
    role = "Engineer"


class RoundEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "competitions.RoundEntry"

    round = factory.SubFactory(RoundFactory)
    entry = factory.SubFactory(
        EntryFactory, competition=factory.SelfAttribute("..round.competition")
    )


class JudgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "competitions.Judge"

    competition = factory.SubFactory(CompetitionFactory)
    user = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(lambda o: o.user.email if o.user else "judge@example.org")
    name = factory.LazyAttribute(lambda o: o.user.full_name if o.user else "Judge")
    status = "active"


class ConflictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "competitions.Conflict"

    judge = factory.SubFactory(JudgeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    reason = "Adviser to the board"


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "competitions.Assignment"

    round = factory.SubFactory(RoundFactory)
    entry = factory.SubFactory(
        EntryFactory, competition=factory.SelfAttribute("..round.competition")
    )
    judge = factory.SubFactory(
        JudgeFactory, competition=factory.SelfAttribute("..round.competition")
    )
    source = "manual"


class AssignmentRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "competitions.AssignmentRun"

    round = factory.SubFactory(RoundFactory)


class CountryQuotaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "competitions.CountryQuota"

    competition = factory.SubFactory(CompetitionFactory, kind="camp", capacity=10)
    country = "TH"
    minimum = 1


# --- expert registry ---------------------------------------------------------------------


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "experts.Expert"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Expert {n}")
    headline = "Professor of food engineering"
    email = factory.Sequence(lambda n: f"expert{n}@private.example.org")
    phone = factory.Sequence(lambda n: f"+66 81 555 {n:04d}")
    language = "en"
    expertise = "Solar drying of crops and fish; post-harvest losses in humid climates."
    keywords = factory.LazyFunction(lambda: ["solar drying", "post-harvest"])
    languages_spoken = factory.LazyFunction(lambda: ["en", "th"])
    countries = factory.LazyFunction(lambda: ["TH", "KH"])
    availability = "available"
    visibility = "public"
    is_verified = True
    search_text = factory.LazyAttribute(
        lambda o: "\n".join([o.name, o.headline, o.expertise, *o.keywords]).casefold()
    )

    @factory.post_generation
    def sectors(obj, create, extracted, **kwargs):
        if create:
            obj.sectors.set(_sectors(extracted or ["agri.processing"]))


class ExpertMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "experts.ExpertMessage"

    expert = factory.SubFactory(ExpertFactory)
    sender = factory.SubFactory(UserFactory)
    subject = "A question about drying"
    body = "Could you advise us on a dryer for 200 kg of fish a day?"


# --- alliance and cooperation networks ------------------------------------------------------


class CharterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "alliance.Charter"

    version = factory.Sequence(lambda n: n + 100)  # the demo charter is version 1
    language = "en"
    title = "Charter of the technology transfer alliance"
    title_translations = {"zh-hans": "技术转移联盟章程"}
    body = "Members share technologies and needs and help each other's transfers."
    body_translations = {"zh-hans": "成员共享技术与需求，互相支持技术转移。"}
    is_published = True


class MembershipApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "alliance.MembershipApplication"
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    kind = "university"
    language = "en"
    capabilities = "Solar drying pilots and training for cooperatives."
    countries_served = ["TH", "LA"]
    charter = factory.SubFactory(CharterFactory)
    charter_accepted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def sectors(obj, create, extracted, **kwargs):
        if create:
            obj.sectors.set(_sectors(extracted or ["agri.processing"]))


class AllianceMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "alliance.AllianceMembership"
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    kind = "university"
    language = "en"
    capabilities = "Solar drying pilots and training for cooperatives."
    countries_served = ["TH"]
    tier = "ordinary"
    status = "active"
    since = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=100))
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=265))

    @factory.post_generation
    def sectors(obj, create, extracted, **kwargs):
        if create:
            obj.sectors.set(_sectors(extracted or ["agri.processing"]))


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "alliance.Network"
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"network-{n}")
    kind = "network"
    language = "en"
    title = factory.Sequence(lambda n: f"Clean energy cooperation network {n}")
    description = "Members test small solar and biomass systems together."
    is_published = True

    @factory.post_generation
    def sectors(obj, create, extracted, **kwargs):
        if create:
            obj.sectors.set(_sectors(extracted or ["energy.solar"]))


class NetworkMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "alliance.NetworkMember"

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "member"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "alliance.Project"

    network = factory.SubFactory(NetworkFactory)
    language = "en"
    title = factory.Sequence(lambda n: f"Pilot project {n}")
    description = "Solar pumps for three villages."
    status = "running"


class NewsUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "alliance.NewsUpdate"

    network = factory.SubFactory(NetworkFactory)
    language = "en"
    title = factory.Sequence(lambda n: f"News {n}")
    body = "The partners met in Nanning."


# --- insights --------------------------------------------------------------------------


class ListingViewDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "insights.ListingViewDay"

    technology = factory.SubFactory(TechnologyFactory)
    day = factory.LazyFunction(timezone.localdate)
    n = 1


class SearchDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "insights.SearchDay"

    day = factory.LazyFunction(timezone.localdate)
    language = "en"
    n = 1
