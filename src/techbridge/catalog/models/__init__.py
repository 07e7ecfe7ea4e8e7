from techbridge.catalog.models.history import ListingEvent
from techbridge.catalog.models.imports import ImportJob
from techbridge.catalog.models.listings import Need, Technology, TechnologyTransferMode
from techbridge.catalog.models.taxonomy import SDGGoal, SDGTarget, Sector

__all__ = [
    "ImportJob",
    "ListingEvent",
    "Need",
    "SDGGoal",
    "SDGTarget",
    "Sector",
    "Technology",
    "TechnologyTransferMode",
]
