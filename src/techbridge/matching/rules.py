from techbridge.accounts.models import User
from techbridge.catalog import rules as catalog_rules


def can_suggest_labels(user: User) -> bool:
    """Those who write listings: members of an organisation, and staff."""
    return catalog_rules.is_platform_member(user) or (user.is_authenticated and user.is_staff)
