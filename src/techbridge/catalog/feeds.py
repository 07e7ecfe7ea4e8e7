"""Atom feeds of newly published technologies and needs, rendered from presenter views so
anonymised listings carry no provider data."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from techbridge.catalog import selectors
from techbridge.catalog.models import Need, Technology
from techbridge.catalog.presenters import listing_view

FEED_SIZE = 50


class _ListingFeed(Feed):
    feed_type = Atom1Feed
    model = Technology
    kind = "technology"

    def title(self) -> str:
        label = _("Technologies") if self.model is Technology else _("Innovation needs")
        return f"techbridge · {label}"

    def link(self) -> str:
        return reverse(f"catalog:{self.kind}_list")

    def items(self):
        # Feeds are public: read them as a visitor, whoever fetches them.
        listings = selectors.visible_listings(user=AnonymousUser(), model=self.model)
        listings = selectors.listing_prefetch(listings.order_by("-published_at"))[:FEED_SIZE]
        return [listing_view(user=AnonymousUser(), listing=listing) for listing in listings]

    def item_title(self, item) -> str:
        return item.title.text

    def item_description(self, item) -> str:
        return item.teaser.text

    def item_link(self, item) -> str:
        return reverse(f"catalog:{self.kind}", args=[item.pk])

    def item_pubdate(self, item):
        return item.published_at

    def item_categories(self, item) -> list[str]:
        return [name for _code, name in item.sectors]


class TechnologyFeed(_ListingFeed):
    model = Technology
    kind = "technology"


class NeedFeed(_ListingFeed):
    model = Need
    kind = "need"
