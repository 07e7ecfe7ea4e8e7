"""Writes of the usage counters: one UPDATE … SET n = n + 1 per page view or search, an INSERT
only for the first of the day. Nothing personal is stored."""

import logging

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from techbridge.insights.models import ListingViewDay, SearchDay

logger = logging.getLogger(__name__)


def _bump(model, lookup: dict) -> None:
    if model.objects.filter(**lookup).update(n=F("n") + 1):
        return
    try:
        with transaction.atomic():
            model.objects.create(**lookup, n=1)
    except IntegrityError:  # another process inserted the day's row first
        model.objects.filter(**lookup).update(n=F("n") + 1)


def listing_view_record(*, kind: str, listing_id: int) -> None:
    """Counts one opening of a technology or need page today."""
    field = {"technology": "technology_id", "need": "need_id"}[kind]
    try:
        _bump(ListingViewDay, {field: listing_id, "day": timezone.now().date()})
    except DatabaseError:  # a counter never breaks the page
        logger.warning("listing view not counted", exc_info=True)


def search_record(*, language: str) -> None:
    """Counts one search today for the interface language."""
    try:
        _bump(SearchDay, {"day": timezone.now().date(), "language": language[:10]})
    except DatabaseError:
        logger.warning("search not counted", exc_info=True)
