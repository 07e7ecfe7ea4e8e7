"""CSV/XLSX downloads for staff."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from techbridge.competitions.exporting import KINDS, competition_export
from techbridge.competitions.views_public import staff_competition

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
def export(request: HttpRequest, slug: str, kind: str, fmt: str) -> HttpResponse:
    competition = staff_competition(request, slug)
    if kind not in KINDS or fmt not in CONTENT_TYPES:
        raise Http404
    content = competition_export(competition=competition, kind=kind, fmt=fmt)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{competition.slug}-{kind}.{fmt}"'
    return response
