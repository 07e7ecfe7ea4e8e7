"""CSV/XLSX downloads for staff; result letters as PDF."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from techbridge.competitions import letters, rules
from techbridge.competitions.exporting import KINDS, competition_export
from techbridge.competitions.models import Entry
from techbridge.competitions.views_public import staff_competition
from techbridge.core.pdf import pdf_response

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


@login_required
def result_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The applicant's result letter, in the applicant's language (for them and for staff)."""
    entry = get_object_or_404(
        Entry.objects.select_related("competition", "applicant", "track"), pk=pk
    )
    if not rules.can_view_entry(request.user, entry) or not letters.has_letter(entry):
        raise Http404
    document = letters.result_letter(entry=entry)
    return pdf_response(document, filename=f"{entry.competition.slug}-result-{entry.pk}.pdf")
