"""The columns of the bulk import template and of exports, per kind of listing."""

from techbridge.catalog.models import Need, Technology

COMMON = ["external_id", "language", "title"]
TECHNOLOGY = [
    *COMMON,
    "summary",
    "description",
    "problem",
    "benefits",
    "sectors",
    "sdgs",
    "trl",
    "ip_status",
    "patent_numbers",
    "ip_jurisdictions",
    "transfer_modes",
    "indicative_terms",
    "countries_developed",
    "countries_deployed",
    "reference_deployments",
    "languages_spoken",
    "website",
    "contact_name",
    "contact_email",
    "visibility",
    "valid_until",
]
NEED = [
    *COMMON,
    "problem",
    "context",
    "desired_outcome",
    "constraints",
    "budget_range",
    "help_kinds",
    "sectors",
    "sdgs",
    "country",
    "region",
    "deadline",
    "contact_name",
    "contact_email",
    "visibility",
    "valid_until",
]
COLUMNS = {Technology: TECHNOLOGY, Need: NEED}
REQUIRED_COLUMNS = {
    Technology: ["language", "title", "summary", "description", "sectors", "trl", "ip_status"],
    Need: ["language", "title", "problem", "sectors", "country", "help_kinds"],
}
LIST_SEPARATOR = "; "

EXAMPLES = {
    Technology: {
        "external_id": "TECH-2026-001",
        "language": "en",
        "title": "Solar tunnel dryer for rice and cassava",
        "summary": "A low-cost tunnel dryer that halves drying time.",
        "description": "Polycarbonate tunnel with PV-driven fans; 1 tonne per batch.",
        "sectors": "agri.processing; energy.solar",
        "sdgs": "2; 7",
        "trl": "8",
        "ip_status": "patent_granted",
        "patent_numbers": "CN123456789B",
        "ip_jurisdictions": "CN",
        "transfer_modes": "licence_non_exclusive; technical_service",
        "countries_developed": "CN",
        "countries_deployed": "CN; KH",
        "languages_spoken": "zh-hans; en",
        "visibility": "public",
        "valid_until": "2027-12-31",
    },
    Need: {
        "external_id": "NEED-2026-001",
        "language": "en",
        "title": "Drying fish without smoke in coastal villages",
        "problem": "Open-air drying loses a fifth of the catch to rain and flies.",
        "budget_range": "10k_50k",
        "help_kinds": "product; know_how",
        "sectors": "fish.processing; energy.solar",
        "sdgs": "2; 14",
        "country": "KH",
        "region": "Kampot",
        "deadline": "2027-06-30",
        "visibility": "public",
    },
}
