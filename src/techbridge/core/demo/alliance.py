"""Demo alliance: the charter (en, zh), fifteen members in two tiers, two applications waiting
for staff, and five cooperation networks, centres and joint laboratories with members,
projects, news and linked published listings. Texts are written for this demo.
Safe to run again: rows are matched by organisation or slug."""

import datetime

from django.db import transaction
from django.utils import timezone

from techbridge.alliance.enums import ApplicationStatus, MembershipStatus, Tier
from techbridge.alliance.models import (
    AllianceMembership,
    Charter,
    MembershipApplication,
    Network,
    NetworkMember,
    NewsUpdate,
    Project,
)
from techbridge.catalog.enums import Status
from techbridge.catalog.models import Need, Sector, Technology
from techbridge.organisations.models import Organisation

CHARTER_EN = """1. Purpose. The alliance connects technology providers, research bodies, innovation
agencies and enterprises in China and the ASEAN countries so that useful technologies reach
the people who need them.

2. Members share. Each member publishes at least one technology or innovation need a year,
answers expressions of interest within a month and reports agreements that come of them.

3. Members respect each other's knowledge. Confidential information received through the
platform is used only for the cooperation it was shared for.

4. Languages. Members may write in their own language; the platform and the secretariat help
with translation.

5. Tiers. Core members coordinate a network, centre or joint laboratory, or host alliance
events; ordinary members take part in them. The secretariat sets the tier.

6. Term. Membership runs for one year and is renewed by the member organisation."""

CHARTER_ZH = """一、宗旨。联盟连接中国与东盟国家的技术供给方、科研机构、创新服务机构和企业，
使适用技术到达需要它的人手中。

二、共享。每个成员每年至少发布一项技术或创新需求，一个月内回应合作意向，并报告由此达成的协议。

三、尊重知识。通过平台获得的保密信息，仅用于其所服务的合作。

四、语言。成员可使用本国语言撰写，平台与秘书处协助翻译。

五、等级。核心成员牵头一个合作网络、中心或联合实验室，或承办联盟活动；普通成员参与其中。等级由秘书处确定。

六、期限。会员资格为期一年，由成员机构续期。"""

MEMBERS = [
    # slug, tier, days until the membership ends (negative: ended)
    ("jinghua-ttc", Tier.CORE, 300),
    ("gx-tropical-agri-institute", Tier.CORE, 250),
    ("shuchuan-biomed", Tier.CORE, 200),
    ("bluebay-mariculture", Tier.CORE, 180),
    ("qingchuan-pv", Tier.CORE, 320),
    ("nusantara-ttc", Tier.CORE, 150),
    ("penang-innovation-centre", Tier.CORE, 90),
    ("mientay-tech-transfer", Tier.ORDINARY, 340),
    ("tonlesap-innovation", Tier.ORDINARY, 25),  # reminded by the daily run
    ("yangon-tt-hub", Tier.ORDINARY, 210),
    ("straits-innovation-exchange", Tier.ORDINARY, 120),
    ("cm-science-office", Tier.ORDINARY, 60),
    ("kampot-sunrise-energy", Tier.ORDINARY, 280),
    ("andaman-tech-univ", Tier.ORDINARY, 230),
    ("lancang-mekong-tech-univ", Tier.ORDINARY, 160),
    ("dili-st-office", Tier.ORDINARY, -20),  # lapsed: no badge
]

PENDING = [
    (
        "bahari-lampung-univ",
        "id",
        "Kami mengelola tambak percobaan udang dan rumput laut serta laboratorium kualitas air "
        "yang terbuka untuk mitra dari negara ASEAN dan Tiongkok.",
        ["fish.mariculture", "env.water"],
        ["ID", "MY", "PH"],
    ),
    (
        "vte-smart-water",
        "en",
        "We install and maintain low-cost water meters and leak sensors for small towns and "
        "can pilot partner technologies in three Lao provinces.",
        ["env.water", "digital.iot"],
        ["LA", "TH"],
    ),
]

NETWORKS = [
    {
        "slug": "public-health-st-cooperation-centre",
        "kind": "centre",
        "title": "China–ASEAN Public Health Science and Technology Cooperation Centre",
        "title_zh": "中国—东盟公共卫生科技合作中心",
        "description": "A centre where laboratories and hospitals in the region test "
        "diagnostics, share surveillance methods for dengue and other tropical diseases, and "
        "train technicians together. Partners bring a need from their clinics; the centre "
        "finds a matching technology and runs a joint pilot.",
        "description_zh": (
            "区域内实验室与医院在此共同验证诊断技术、交流登革热等热带病监测方法并联合"
            "培训技术人员。合作方提出临床需求，中心寻找匹配技术并组织联合试点。"
        ),
        "sectors": ["health.diagnostics", "health.digital"],
        "coordinators": ["shuchuan-biomed", "lingnan-smart-health"],
        "members": [
            "kaenkhun-biotech",
            "yangon-tt-hub",
            "lpb-science-office",
            "tonlesap-innovation",
        ],
        "projects": [
            ("Rapid dengue test field trial", "running", 200, 165),
            ("Shared training for laboratory technicians", "completed", 500, -30),
        ],
        "news": [
            (
                "Field trial of the rapid dengue test starts in three provinces",
                "Clinics in Laos, Myanmar and Cambodia began comparing the rapid test with "
                "laboratory results this month.",
            ),
        ],
    },
    {
        "slug": "clean-energy-innovation-network",
        "kind": "network",
        "title": "China–ASEAN Clean Energy Innovation Cooperation Network",
        "title_zh": "中国—东盟清洁能源创新合作网络",
        "description": "Companies, universities and investors working on solar, biomass and "
        "storage for places the grid reaches badly. Members pool test sites, compare field "
        "data and present bankable projects to investors twice a year.",
        "description_zh": (
            "面向电网覆盖薄弱地区，从事光伏、生物质和储能的企业、高校与投资机构组成的"
            "网络。成员共享试验场地、比对现场数据，每年两次向投资方推介可融资项目。"
        ),
        "sectors": ["energy.solar", "energy.biomass", "energy.storage"],
        "coordinators": ["qingchuan-pv"],
        "members": [
            "kampot-sunrise-energy",
            "riau-bioenergi",
            "selangor-green-ventures",
            "kallang-climate-ventures",
            "longcheng-emobility",
        ],
        "projects": [
            ("Solar irrigation pumps for smallholders", "running", 120, 240),
            ("Palm-waste biomass boiler retrofit", "planned", -60, 400),
        ],
        "news": [
            (
                "Investor day: six projects presented",
                "Six member projects were presented to investors in Singapore; two move to due "
                "diligence.",
            ),
        ],
    },
    {
        "slug": "mariculture-joint-research-centre",
        "kind": "centre",
        "title": "China–ASEAN Joint Research Centre on Mariculture",
        "title_zh": "中国—东盟海水养殖联合研究中心",
        "description": "Hatcheries, feed makers and marine stations studying how to raise "
        "grouper, shrimp and seaweed with fewer losses and less pollution, and sharing "
        "what works with coastal farmers.",
        "description_zh": (
            "由育苗场、饲料企业和海洋站组成，研究如何以更低损耗和更少污染养殖石斑鱼、"
            "对虾和海藻，并把有效做法推广给沿海养殖户。"
        ),
        "sectors": ["fish.mariculture", "fish.processing"],
        "coordinators": ["bluebay-mariculture"],
        "members": [
            "muara-aquaculture",
            "ayeyar-aquafeed",
            "mindanao-seaweed-network",
            "utpt-terengganu",
            "atauro-marine-station",
            "qiongzhou-tropical-univ",
        ],
        "projects": [
            ("Recirculating hatchery for grouper fry", "running", 300, 60),
            ("Seaweed drying with solar tunnels", "completed", 700, -120),
        ],
        "news": [
            (
                "Grouper fry survival doubled in the pilot hatchery",
                "The recirculating hatchery in Brunei kept twice as many fry alive as the pond "
                "system in its first season.",
            ),
        ],
    },
    {
        "slug": "vaccine-rd-cooperative-alliance",
        "kind": "alliance",
        "title": "China–ASEAN Vaccine R&D Cooperative Alliance",
        "title_zh": "中国—东盟疫苗研发合作联盟",
        "description": "Research institutes and manufacturers that share cold-chain know-how, "
        "exchange reference strains under agreed terms and prepare joint clinical studies "
        "for vaccines the region needs.",
        "description_zh": (
            "科研院所与生产企业在此共享冷链经验、按约定条件交换参考毒株，并为区域所需"
            "疫苗筹备联合临床研究。"
        ),
        "sectors": ["health.vaccines", "biotech.medical"],
        "coordinators": ["shuchuan-biomed"],
        "members": ["kaenkhun-biotech", "nusantara-ttc", "dongbac-tech-univ"],
        "projects": [("Solar-powered vaccine cold boxes", "planned", -30, 365)],
        "news": [
            (
                "Members agree on terms for sharing reference strains",
                "A model material transfer agreement is now available to all members.",
            ),
        ],
    },
    {
        "slug": "cn-th-smart-agriculture-joint-lab",
        "kind": "joint_lab",
        "title": "China–Thailand Joint Laboratory on Smart Tropical Agriculture",
        "title_zh": "中泰热带智慧农业联合实验室",
        "description": "A bilateral laboratory run by an agricultural institute in Guangxi and "
        "a university in southern Thailand: drones, soil sensors and post-harvest drying "
        "tested side by side on cassava, durian and rubber farms.",
        "description_zh": (
            "由广西农业科研机构与泰国南部高校共建的双边实验室，在木薯、榴莲和橡胶农场"
            "并行测试无人机、土壤传感器和采后干燥技术。"
        ),
        "sectors": ["agri.smart", "agri.processing"],
        "coordinators": ["gx-tropical-agri-institute", "andaman-tech-univ"],
        "members": [],
        "projects": [("Soil moisture sensors on durian farms", "running", 90, 275)],
        "news": [
            (
                "Joint laboratory opens its second test field",
                "The laboratory now runs trials in Nakhon Si Thammarat as well as Nanning.",
            ),
        ],
    },
]


def _organisations(slugs) -> dict[str, Organisation]:
    return {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}


def _charter() -> Charter:
    charter, _created = Charter.objects.update_or_create(
        version=1,
        defaults={
            "language": "en",
            "title": "Charter of the China–ASEAN Technology Transfer Alliance",
            "title_translations": {"zh-hans": "中国—东盟技术转移联盟章程"},
            "body": CHARTER_EN,
            "body_translations": {"zh-hans": CHARTER_ZH},
            "is_published": True,
        },
    )
    return charter


def _members(*, charter: Charter, staff, today: datetime.date) -> None:
    organisations = _organisations([slug for slug, *_rest in MEMBERS])
    for slug, tier, days in MEMBERS:
        organisation = organisations.get(slug)
        if organisation is None or hasattr(organisation, "alliance_membership"):
            continue
        application = MembershipApplication.objects.create(
            organisation=organisation,
            kind=organisation.kind,
            language=organisation.language,
            capabilities=organisation.description or organisation.name,
            countries_served=[organisation.country],
            charter=charter,
            charter_accepted_at=timezone.now() - datetime.timedelta(days=400 - days),
            status=ApplicationStatus.APPROVED,
            decided_by=staff,
            decided_at=timezone.now() - datetime.timedelta(days=365 - days),
        )
        membership = AllianceMembership.objects.create(
            organisation=organisation,
            application=application,
            kind=organisation.kind,
            language=organisation.language,
            capabilities=organisation.description or organisation.name,
            capabilities_translations=organisation.description_translations or {},
            countries_served=[organisation.country],
            tier=tier,
            status=MembershipStatus.ACTIVE if days >= 0 else MembershipStatus.EXPIRED,
            since=today - datetime.timedelta(days=365 - days),
            valid_until=today + datetime.timedelta(days=days),
        )
        listing_sectors = Sector.objects.filter(
            pk__in=Technology.sectors.through.objects.filter(
                technology__organisation=organisation
            ).values("sector_id")
        )
        sectors = list(listing_sectors[:3])
        membership.sectors.set(sectors)
        application.sectors.set(sectors)


def _pending(*, charter: Charter) -> None:
    organisations = _organisations([row[0] for row in PENDING])
    for slug, language, capabilities, sectors, countries in PENDING:
        organisation = organisations.get(slug)
        if organisation is None or organisation.alliance_applications.exists():
            continue
        application = MembershipApplication.objects.create(
            organisation=organisation,
            kind=organisation.kind,
            language=language,
            capabilities=capabilities,
            countries_served=countries,
            charter=charter,
            charter_accepted_at=timezone.now() - datetime.timedelta(days=3),
        )
        application.sectors.set(Sector.objects.filter(code__in=sectors))


def _network(row: dict, *, staff, today: datetime.date) -> None:
    network, created = Network.objects.update_or_create(
        slug=row["slug"],
        defaults={
            "kind": row["kind"],
            "language": "en",
            "title": row["title"],
            "title_translations": {"zh-hans": row["title_zh"]},
            "description": row["description"],
            "description_translations": {"zh-hans": row["description_zh"]},
            "is_published": True,
        },
    )
    network.sectors.set(Sector.objects.filter(code__in=row["sectors"]))
    if not created:
        return
    organisations = _organisations(row["coordinators"] + row["members"])
    for slug in row["coordinators"] + row["members"]:
        if slug in organisations:
            role = "coordinator" if slug in row["coordinators"] else "member"
            NetworkMember.objects.get_or_create(
                network=network, organisation=organisations[slug], defaults={"role": role}
            )
    for title, status, started_days_ago, ends_in_days in row["projects"]:
        Project.objects.create(
            network=network,
            language="en",
            title=title,
            status=status,
            starts_on=today - datetime.timedelta(days=started_days_ago),
            ends_on=today + datetime.timedelta(days=ends_in_days),
        )
    for number, (title, body) in enumerate(row["news"]):
        NewsUpdate.objects.create(
            network=network,
            language="en",
            title=title,
            body=body,
            author=staff,
            published_at=timezone.now() - datetime.timedelta(days=7 * (number + 1)),
        )
    in_focus = Sector.objects.filter(code__in=row["sectors"])
    published = {"status": Status.PUBLISHED, "sectors__in": in_focus}
    network.technologies.set(Technology.objects.filter(**published).distinct()[:4])
    network.needs.set(Need.objects.filter(**published).distinct()[:3])


@transaction.atomic
def alliance_demo_load(*, staff) -> int:
    """Returns the number of current alliance members."""
    today = timezone.localdate()
    charter = _charter()
    _members(charter=charter, staff=staff, today=today)
    _pending(charter=charter)
    for row in NETWORKS:
        _network(row, staff=staff, today=today)
    return AllianceMembership.objects.current().count()
