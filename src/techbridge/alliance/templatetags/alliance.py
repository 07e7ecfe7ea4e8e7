"""The alliance member badge, shown beside an organisation's name.

The set of member organisations is read once per request (one query, only on pages that
show a badge) and kept on the request, so a list of cards costs no query per card.
Callers pass a provider only when the reader may know it: an anonymised listing has no
provider in its view, so it never shows a badge that could narrow down who offers it.
"""

from django import template

from techbridge.alliance.selectors import member_organisation_slugs

register = template.Library()

_KEY = "_alliance_member_slugs"


def _member_slugs(context) -> set[str]:
    holder = context.get("request")
    if holder is None:
        cached = context.render_context.get(_KEY)
        if cached is None:
            cached = context.render_context[_KEY] = member_organisation_slugs()
        return cached
    if not hasattr(holder, _KEY):
        setattr(holder, _KEY, member_organisation_slugs())
    return getattr(holder, _KEY)


@register.inclusion_tag("alliance/_badge.html", takes_context=True)
def alliance_badge(context, organisation_slug) -> dict:
    """``organisation_slug``: the organisation shown (empty when the provider is hidden)."""
    shown = bool(organisation_slug) and organisation_slug in _member_slugs(context)
    return {"shown": shown}
