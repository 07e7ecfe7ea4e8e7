from django import template

from techbridge.catalog.enums import EVENT_LABELS, Status

register = template.Library()


@register.inclusion_tag("catalog/_facet.html", takes_context=True)
def facet_block(context, options, name: str, title: str) -> dict:
    """A facet with a link per value that keeps the other filters and resets the page."""
    request = context["request"]
    selected = request.GET.get(name, "")
    entries = []
    for value, label, count in options or []:
        query = request.GET.copy()
        query.pop("page", None)
        if str(value) == selected:
            query.pop(name, None)
        else:
            query[name] = value
        entries.append(
            {
                "label": label,
                "count": count,
                "url": f"{request.path}?{query.urlencode()}",
                "selected": str(value) == selected,
            }
        )
    return {"title": title, "entries": entries, "name": name}


@register.filter
def event_label(action: str) -> str:
    return str(EVENT_LABELS.get(action, action))


@register.filter
def status_label(status: str) -> str:
    try:
        return str(Status(status).label)
    except ValueError:
        return status
