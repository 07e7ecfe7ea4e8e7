"""A small world whose figures are counted by hand in tests/insights/test_selectors.py.

Technologies (country of the organisation): T1 CN 2026-03-15 agri, T2 CN 04-10 energy,
T3 TH 04-20 agri anonymised, T5 KH 05-05 energy members-only, T4 TH draft (never counted).
Needs: N1 VN 03-20 agri, N2 TH 05-12 energy, N3 TH under review (never counted).
Deals: D1 T1←VN transferred (steps to 05-20), D2 T3←CN agreement signed 05-10 (skipped the
meeting), D3 N1←TH declined 04-20, D4 T2←TH interest only, D5 T1←KH closed 05-16.
"""

import datetime
from types import SimpleNamespace

import pytest

from techbridge.matching.models import RecommendationFeedback
from tests.factories import (
    BrokerageProfileFactory,
    DealFactory,
    DealStepFactory,
    EventFactory,
    ListingViewDayFactory,
    MeetingFactory,
    MeetingFeedbackFactory,
    MeetingRequestFactory,
    MeetingSlotFactory,
    MeetingTableFactory,
    MembershipFactory,
    NeedFactory,
    OrganisationFactory,
    RegistrationFactory,
    SearchDayFactory,
    TechnologyFactory,
    UserFactory,
)

UTC = datetime.UTC


def at(month: int, day: int) -> datetime.datetime:
    return datetime.datetime(2026, month, day, 12, 0, tzinfo=UTC)


def _deal(listing, interested, created, steps, **fields):
    kind = "technology" if hasattr(listing, "trl") else "need"
    deal = DealFactory(
        technology=listing if kind == "technology" else None,
        need=listing if kind == "need" else None,
        target_kind=kind,
        listing_organisation=listing.organisation,
        interested_organisation=interested,
        created_at=created,
        stage_changed_at=steps[-1][1],
        **fields,
    )
    for stage, when in steps:
        DealStepFactory(deal=deal, stage=stage, at=when)
    return deal


@pytest.fixture
def world(db):
    cn = OrganisationFactory(country="CN", name="Hidden Lab of Tsinghua Example")
    th = OrganisationFactory(country="TH", name="Secret Bangkok Agritech")
    vn = OrganisationFactory(country="VN", name="Hanoi Food Example Co")
    kh = OrganisationFactory(country="KH", name="Phnom Penh Makers")
    t1 = TechnologyFactory(organisation=cn, published_at=at(3, 15), sectors=["agri.processing"])
    t2 = TechnologyFactory(
        organisation=cn, published_at=at(4, 10), sectors=["energy.solar"], sdgs=[7]
    )
    t3 = TechnologyFactory(
        organisation=th,
        published_at=at(4, 20),
        sectors=["agri.crops"],
        sdgs=[2, 12],
        visibility="anonymised",
        title="Anonymised rice sensor",
    )
    TechnologyFactory(organisation=th, status="draft", published_at=None)
    t5 = TechnologyFactory(
        organisation=kh, published_at=at(5, 5), sectors=["energy.storage"], visibility="members"
    )
    n1 = NeedFactory(organisation=vn, country="VN", published_at=at(3, 20))
    n2 = NeedFactory(
        organisation=th, country="TH", published_at=at(5, 12), sectors=["energy.solar"], sdgs=[7]
    )
    NeedFactory(organisation=th, country="TH", status="under_review", published_at=None)

    d1 = _deal(
        t1,
        vn,
        at(3, 25),
        [
            ("interest", at(3, 25)),
            ("introduced", at(4, 1)),
            ("meeting_held", at(4, 10)),
            ("agreement_signed", at(5, 2)),
            ("transferred", at(5, 20)),
        ],
        stage="transferred",
        revealed_at=at(4, 1),
        agreement_type="licence_non_exclusive",
        value_range="50k_200k",
        agreement_countries=["VN"],
    )
    d2 = _deal(
        t3,
        cn,
        at(4, 5),
        [
            ("interest", at(4, 5)),
            ("introduced", at(4, 8)),
            ("negotiating", at(4, 20)),
            ("agreement_signed", at(5, 10)),
        ],
        stage="agreement_signed",
        revealed_at=at(4, 8),
        brokered=True,
        agreement_type="co_development",
        value_range="over_1m",
    )
    d3 = _deal(
        n1,
        th,
        at(4, 15),
        [("interest", at(4, 15))],
        stage="declined",
        reason="not_market_fit",
    )
    d3.stage_changed_at = at(4, 20)
    d3.save(update_fields=["stage_changed_at"])
    d4 = _deal(t2, th, at(5, 3), [("interest", at(5, 3))], stage="interest")
    d5 = _deal(
        t1,
        kh,
        at(5, 6),
        [("interest", at(5, 6)), ("introduced", at(5, 8))],
        stage="closed",
        reason="price_terms",
        revealed_at=at(5, 8),
    )
    d5.stage_changed_at = at(5, 16)
    d5.save(update_fields=["stage_changed_at"])

    ListingViewDayFactory(technology=t1, day=datetime.date(2026, 4, 2), n=5)
    ListingViewDayFactory(technology=t1, day=datetime.date(2026, 5, 1), n=2)
    ListingViewDayFactory(technology=t3, day=datetime.date(2026, 4, 3), n=4)
    ListingViewDayFactory(technology=None, need=n1, day=datetime.date(2026, 4, 4), n=1)
    SearchDayFactory(day=datetime.date(2026, 4, 1), language="en", n=3)
    SearchDayFactory(day=datetime.date(2026, 4, 2), language="zh-hans", n=2)
    SearchDayFactory(day=datetime.date(2026, 5, 1), language="en", n=1)

    marker = UserFactory()
    for source, target, relevant, when in (
        (t1, n1, True, at(4, 5)),
        (n2, t2, True, at(5, 5)),
        (t3, n1, False, at(4, 6)),
    ):
        RecommendationFeedback.objects.create(
            user=marker,
            source_kind="technology" if hasattr(source, "trl") else "need",
            source_id=source.pk,
            target_kind="technology" if hasattr(target, "trl") else "need",
            target_id=target.pk,
            relevant=relevant,
            created_at=when,
        )

    event = EventFactory(kind="matchmaking")
    table = MeetingTableFactory(event=event)
    people = {}
    for name, organisation in (("a", cn), ("b", th), ("c", vn)):
        registration = RegistrationFactory(event=event)
        BrokerageProfileFactory(registration=registration, organisation=organisation)
        people[name] = registration

    def meeting(one, other, starts, check_in):
        request = MeetingRequestFactory(
            event=event, requester=people[one], receiver=people[other], status="accepted"
        )
        slot = MeetingSlotFactory(
            event=event, starts_at=starts, ends_at=starts + datetime.timedelta(minutes=30)
        )
        return MeetingFactory(request=request, slot=slot, table=table, check_in=check_in)

    meeting("a", "b", at(4, 12), "held")
    m2 = meeting("a", "c", at(5, 12), "unknown")
    MeetingFeedbackFactory(meeting=m2, registration=people["a"], outcome="informative")
    m3 = meeting("b", "c", at(5, 13), "no_show")
    MeetingFeedbackFactory(meeting=m3, registration=people["b"], outcome="not_held")

    member_cn = MembershipFactory(organisation=cn).user
    return SimpleNamespace(
        cn=cn,
        th=th,
        vn=vn,
        kh=kh,
        technologies=[t1, t2, t3, t5],
        needs=[n1, n2],
        deals=[d1, d2, d3, d4, d5],
        users={
            "anonymous": None,
            "member": member_cn,
            "other_member": MembershipFactory(organisation=vn).user,
            "focal_point": UserFactory(focal_point_country="CN"),
            "other_focal_point": UserFactory(focal_point_country="VN"),
            "staff": UserFactory(is_staff=True),
        },
    )
