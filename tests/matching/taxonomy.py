"""A smaller taxonomy for tests that embed label descriptions (a few seconds, not a minute)."""

from techbridge.catalog.models import SDGGoal, SDGTarget, Sector

SECTORS = [
    "agri.crops",
    "agri.processing",
    "energy.solar",
    "health.vaccines",
    "env.water",
    "digital.ai",
    "fish.mariculture",
    "mfg.machinery",
]
GOALS = [2, 3, 6, 7, 14]


def smaller_taxonomy() -> None:
    Sector.objects.exclude(parent=None).exclude(code__in=SECTORS).delete()
    SDGTarget.objects.all().delete()
    SDGGoal.objects.exclude(number__in=GOALS).delete()
