"""Bulk import of technologies and needs from CSV or XLSX.

Every row is validated with the same rules as the forms and the API; the report lists
(row, field, message). Nothing is written unless every row is valid, and then everything is
written in one transaction. A row whose external_id already exists for the organisation
updates that listing instead of creating a duplicate.
"""

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.catalog import rules, services
from techbridge.catalog.columns import COLUMNS, REQUIRED_COLUMNS
from techbridge.catalog.models import ImportJob, Need, Technology
from techbridge.catalog.validation import listing_clean
from techbridge.core.tabular import csv_cell_unescape
from techbridge.organisations.models import Organisation


class ImportFileError(Exception):
    """The file as a whole cannot be read: wrong type, encoding, size or columns."""


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "errors": self.errors,
        }


def _cell(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_csv(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _(
                "The file is not UTF-8 text (byte %(position)s). "
                "Save it as “CSV UTF-8” and try again."
            )
            % {"position": error.start}
        ) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [
        [csv_cell_unescape(cell) for cell in row] for row in csv.reader(io.StringIO(text), dialect)
    ]


def _read_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for broken files
        raise ImportFileError(_("This is not a readable Excel (.xlsx) file.")) from error
    sheet = workbook.worksheets[0]
    return [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]


def import_parse(*, content: bytes, filename: str, model) -> list[dict]:
    if len(content) > settings.MAX_IMPORT_BYTES:
        raise ImportFileError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {
                "size": filesizeformat(len(content)),
                "limit": filesizeformat(settings.MAX_IMPORT_BYTES),
            }
        )
    name = filename.lower()
    if name.endswith(".xlsx"):
        table = _read_xlsx(content)
    elif name.endswith((".csv", ".txt")):
        table = _read_csv(content)
    else:
        raise ImportFileError(_("Upload a .csv or .xlsx file."))
    table = [row for row in table if any(_cell(value) for value in row)]
    if not table:
        raise ImportFileError(_("The file is empty."))
    header = [_cell(value).lower() for value in table[0]]
    missing = [column for column in REQUIRED_COLUMNS[model] if column not in header]
    if missing:
        raise ImportFileError(
            _("Missing columns: %(columns)s. Download the template to see them all.")
            % {"columns": ", ".join(missing)}
        )
    unknown = [column for column in header if column and column not in COLUMNS[model]]
    if unknown:
        raise ImportFileError(_("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})
    rows = []
    for values in table[1:]:
        cells = [_cell(value) for value in values] + [""] * (len(header) - len(values))
        rows.append({column: cells[i] for i, column in enumerate(header) if column})
    return rows


def import_run(
    *, user: User, organisation: Organisation, model, rows: list[dict], dry_run: bool = False
) -> ImportReport:
    if not rules.can_create_listing(user, organisation):
        raise PermissionDenied
    report = ImportReport(rows=len(rows))
    seen_ids: dict[str, int] = {}
    wanted = [row["external_id"] for row in rows if row.get("external_id")]
    existing = {
        listing.external_id: listing
        for listing in model.objects.filter(organisation=organisation, external_id__in=wanted)
    }
    to_create: list = []
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        external_id = row.get("external_id", "")
        current = existing.get(external_id)
        if current is not None and not rules.can_edit_listing(user, current):
            report.errors.append(
                {
                    "row": number,
                    "field": "external_id",
                    "message": _(
                        "The listing with this external_id is %(status)s and cannot be changed now."
                    )
                    % {"status": current.get_status_display()},
                }
            )
        if external_id:
            if external_id in seen_ids:
                report.errors.append(
                    {
                        "row": number,
                        "field": "external_id",
                        "message": _("Same external_id as row %(row)s.")
                        % {"row": seen_ids[external_id]},
                    }
                )
            seen_ids[external_id] = number
        try:
            cleaned = listing_clean(model=model, data=row)
            if current is None:
                to_create.append(cleaned)
        except ValidationError as error:
            for field_name, messages in error.message_dict.items():
                for message in messages:
                    report.errors.append({"row": number, "field": field_name, "message": message})
    if report.errors or dry_run:
        return report
    with transaction.atomic():
        for row in rows:
            listing = existing.get(row.get("external_id", ""))
            if listing is not None:
                services.listing_update(user=user, listing=listing, data=row)
                report.updated += 1
        report.created = services.listings_bulk_create(
            user=user, organisation=organisation, model=model, cleaned=to_create
        )
    return report


def import_job_create(*, user: User, organisation: Organisation, kind: str, upload) -> ImportJob:
    """Checks the file can be read at all, stores it and hands it to the worker."""
    from techbridge.catalog.tasks import run_import

    if not rules.can_create_listing(user, organisation):
        raise PermissionDenied
    if upload.size > settings.MAX_IMPORT_BYTES:
        raise ImportFileError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.MAX_IMPORT_BYTES),
            }
        )
    content = upload.read()
    model = Technology if kind == "technology" else Need
    import_parse(content=content, filename=upload.name, model=model)
    with transaction.atomic():
        job = ImportJob.objects.create(
            organisation=organisation,
            kind=kind,
            filename=upload.name[:200],
            content=content,
            created_by=user,
        )
        run_import.enqueue(job_id=job.pk)
    return job


def import_job_run(*, job_id: int) -> dict:
    job = ImportJob.objects.select_related("organisation", "created_by").get(pk=job_id)
    if job.state in {ImportJob.State.DONE, ImportJob.State.FAILED}:
        return job.report  # a retried task must not import twice
    model = Technology if job.kind == "technology" else Need
    job.state = ImportJob.State.RUNNING
    job.save(update_fields=["state"])
    try:
        rows = import_parse(content=bytes(job.content), filename=job.filename, model=model)
        report = import_run(
            user=job.created_by, organisation=job.organisation, model=model, rows=rows
        )
        job.report = report.as_dict()
        job.state = ImportJob.State.DONE if report.ok else ImportJob.State.FAILED
    except (ImportFileError, PermissionDenied) as error:
        job.report = {
            "rows": 0,
            "created": 0,
            "updated": 0,
            "errors": [{"row": 0, "field": "", "message": str(error) or _("Not allowed.")}],
        }
        job.state = ImportJob.State.FAILED
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "report", "finished_at"])
    return job.report
