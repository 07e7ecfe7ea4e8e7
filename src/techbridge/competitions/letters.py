"""Result letters as PDF (core/pdf.py), in the recipient's language: the applicant's, even
when staff download the letter for them. Only published outcomes are written."""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from techbridge.competitions.enums import Decision
from techbridge.competitions.models import Entry, RoundEntry
from techbridge.core.countries import country_name
from techbridge.core.pdf import Document
from techbridge.core.templatetags.l10n_babel import local_date, local_number


def published_outcomes(entry: Entry) -> list[RoundEntry]:
    return list(
        RoundEntry.objects.filter(
            entry=entry, round__results_published_at__isnull=False, rank__isnull=False
        )
        .select_related("round")
        .order_by("round__level", "round_id")
    )


def has_letter(entry: Entry) -> bool:
    decided = entry.competition.decisions_published_at and entry.decision != Decision.PENDING
    return bool(decided) or bool(published_outcomes(entry))


def result_letter(*, entry: Entry) -> Document:
    applicant = entry.applicant
    language = applicant.preferred_language
    with translation.override(language), timezone.override(applicant.time_zone):
        competition = entry.competition
        title = competition.text_in("title", language).text
        document = Document(title=_("Result letter"), language=language, subject=title)
        document.paragraph(local_date(timezone.now(), "long"), small=True)
        document.heading(title)
        document.paragraph(_("Dear %(name)s,") % {"name": applicant.full_name})
        document.key_values(
            [
                (_("Entry"), entry.title),
                (_("Country"), country_name(entry.country, language)),
                *([(_("Track"), entry.track.text_in("name").text)] if entry.track else []),
            ]
        )
        outcomes = published_outcomes(entry)
        if outcomes:
            document.table(
                [_("Round"), _("Rank"), _("Advanced")],
                [
                    (
                        item.round.text_in("name").text,
                        local_number(item.rank),
                        _("Yes") if item.advanced else _("No"),
                    )
                    for item in outcomes
                ],
                widths=(3, 1, 1),
            )
        if competition.decisions_published_at and entry.decision != Decision.PENDING:
            selected = entry.decision == Decision.SELECTED
            document.key_values([(_("Decision"), _("Selected") if selected else _("Not selected"))])
        document.paragraph(_("Thank you for taking part."))
        document.paragraph(_("The secretariat"), bold=True)
    return document
