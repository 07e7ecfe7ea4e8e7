from dataclasses import dataclass

from django import template

from techbridge.catalog.models import Need
from techbridge.experts import presenters, selectors
from techbridge.experts.presenters import ExpertView

register = template.Library()
SHOWN = 5


@dataclass(frozen=True)
class SuggestionRow:
    view: ExpertView
    shared_sectors: list[tuple[str, str]]
    matched_keywords: list[str]


@register.inclusion_tag("experts/_suggestions.html", takes_context=True)
def experts_for_need(context, need) -> dict:
    """ "Experts who could help" on a need page the reader may already see."""
    request = context["request"]
    rows = []
    if isinstance(need, Need):
        for suggestion in selectors.experts_for_need(user=request.user, need=need, limit=SHOWN):
            rows.append(
                SuggestionRow(
                    view=presenters.expert_view(user=request.user, expert=suggestion.expert),
                    shared_sectors=suggestion.shared_sectors,
                    matched_keywords=suggestion.matched_keywords,
                )
            )
    return {
        "suggestions": rows,
        "need": need,
        "request": request,
        "user": request.user,
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
    }
