from django import template

from techbridge.catalog import rules as catalog_rules
from techbridge.deals import rules

register = template.Library()


@register.simple_tag(takes_context=True)
def can_express_interest(context, listing) -> bool:
    return rules.can_express_interest(context["request"].user, listing)


@register.simple_tag(takes_context=True)
def may_express_interest(context) -> bool:
    """For recommendation rows: the reader belongs to an organisation and may act for it (the
    rows already leave out the reader's own organisation)."""
    user = context["request"].user
    return bool(
        user.is_authenticated and user.is_verified and catalog_rules.is_platform_member(user)
    )


@register.simple_tag(takes_context=True)
def own_listing(context, listing) -> bool:
    """The reader's organisation owns this listing: its recommendation rows start deals
    "from" it."""
    return catalog_rules.is_owner(context["request"].user, listing)
