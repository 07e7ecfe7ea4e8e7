"""Counts listing page views and searches after the page is rendered, so the views stay
unaware of it: one indexed UPDATE per counted request, nothing about the reader."""

from django.utils import translation

from techbridge.insights import services

LISTING_PAGES = {("catalog", "technology"): "technology", ("catalog", "need"): "need"}


class UsageCounterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is None or request.method != "GET" or response.status_code != 200:
            return response
        key = (match.namespace, match.url_name)
        if key in LISTING_PAGES:
            services.listing_view_record(kind=LISTING_PAGES[key], listing_id=match.kwargs["pk"])
        elif key == ("matching", "search") and _is_new_search(request):
            services.search_record(language=translation.get_language() or "")
        return response


def _is_new_search(request) -> bool:
    """A results request for a typed query; further pages of the same results do not count."""
    return bool(request.GET.get("q", "").strip()) and request.GET.get("page", "1") in ("", "1")
