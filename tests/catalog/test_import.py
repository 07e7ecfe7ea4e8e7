import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from techbridge.catalog.columns import TECHNOLOGY
from techbridge.catalog.importing import ImportFileError, import_parse, import_run
from techbridge.catalog.models import ImportJob, Need, Technology
from techbridge.organisations.enums import MemberRole
from tests.factories import MembershipFactory, TechnologyFactory, UserFactory

pytestmark = pytest.mark.django_db

ROW = {
    "external_id": "T-1",
    "language": "th",
    "title": "เครื่องอบแห้งพลังงานแสงอาทิตย์",
    "summary": "อบแห้งข้าวและมันสำปะหลัง",
    "description": "อุโมงค์โพลีคาร์บอเนต",
    "sectors": "agri.processing; energy.solar",
    "sdgs": "2; 7",
    "trl": "7",
    "ip_status": "patent_pending",
    "transfer_modes": "licence_non_exclusive",
    "countries_developed": "TH",
}


@pytest.fixture
def importer():
    membership = MembershipFactory(role=MemberRole.ADMIN, organisation__country="TH")
    return membership.user, membership.organisation


def _csv(rows: list[dict], header: list[str] | None = None, encoding: str = "utf-8") -> bytes:
    header = header or list(ROW)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def _xlsx(rows: list[dict]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(ROW))
    for row in rows:
        sheet.append([int(row[c]) if c == "trl" else row[c] for c in ROW])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _run(importer, content: bytes, filename="t.csv", model=Technology):
    user, organisation = importer
    rows = import_parse(content=content, filename=filename, model=model)
    return import_run(user=user, organisation=organisation, model=model, rows=rows)


def test_import_csv_creates_drafts(importer):
    report = _run(importer, _csv([ROW, {**ROW, "external_id": "T-2", "title": "อีกเครื่อง"}]))
    assert report.as_dict() == {"rows": 2, "created": 2, "updated": 0, "errors": []}
    assert set(Technology.objects.values_list("status", flat=True)) == {"draft"}
    assert Technology.objects.get(external_id="T-1").sectors.count() == 2


def test_import_xlsx_creates_listings(importer):
    report = _run(importer, _xlsx([ROW]), filename="t.xlsx")
    assert report.created == 1
    assert Technology.objects.get().trl == 7


def test_reimport_with_same_external_id_updates(importer):
    _run(importer, _csv([ROW]))
    report = _run(importer, _csv([{**ROW, "title": "ชื่อใหม่"}]))
    assert (report.created, report.updated) == (0, 1)
    assert list(Technology.objects.values_list("title", flat=True)) == ["ชื่อใหม่"]


def test_one_bad_row_imports_nothing_and_reports_row_and_field(importer):
    rows = [
        ROW,
        {**ROW, "external_id": "T-2", "trl": "high"},
        {**ROW, "external_id": "T-3", "sectors": "space"},
    ]
    report = _run(importer, _csv(rows))
    assert report.errors == [
        {"row": 3, "field": "trl", "message": "The readiness level is a whole number from 1 to 9."},
        {"row": 4, "field": "sectors", "message": "Unknown sector: space"},
    ]
    assert Technology.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"language": "xx"}, "language"),
        ({"ip_status": "maybe"}, "ip_status"),
        ({"transfer_modes": "barter"}, "transfer_modes"),
        ({"countries_developed": "ZZ"}, "countries_developed"),
        ({"sdgs": "18"}, "sdgs"),
        ({"trl": "10"}, "trl"),
    ],
)
def test_bad_values_are_reported_per_field(importer, change, field):
    report = _run(importer, _csv([{**ROW, **change}]))
    assert [error["field"] for error in report.errors] == [field]
    assert Technology.objects.count() == 0


def test_duplicate_external_ids_in_one_file_are_reported(importer):
    report = _run(importer, _csv([ROW, ROW]))
    assert report.errors[0]["row"] == 3
    assert report.errors[0]["field"] == "external_id"


def test_wrong_encoding_is_a_clear_error(importer):
    content = _csv([{**ROW, "title": "Cà phê sấy", "language": "vi"}], encoding="utf-16")
    with pytest.raises(ImportFileError, match="not UTF-8"):
        import_parse(content=content, filename="t.csv", model=Technology)


def test_latin1_file_is_refused_not_garbled():
    header = "language,title,summary,description,sectors,trl,ip_status\n"
    content = (header + "en,Café dryer,x,y,agri.crops,5,none\n").encode("latin-1")
    with pytest.raises(ImportFileError, match="not UTF-8"):
        import_parse(content=content, filename="t.csv", model=Technology)


def test_missing_columns_are_named():
    with pytest.raises(ImportFileError, match="Missing columns: summary, description"):
        import_parse(
            content=_csv([ROW], header=["language", "title", "sectors", "trl", "ip_status"]),
            filename="t.csv",
            model=Technology,
        )


def test_unknown_columns_are_named():
    content = _csv([ROW], header=[*ROW, "colour"])
    with pytest.raises(ImportFileError, match="Unknown columns: colour"):
        import_parse(content=content, filename="t.csv", model=Technology)


def test_oversized_file_is_refused(settings):
    settings.MAX_IMPORT_BYTES = 100
    with pytest.raises(ImportFileError, match="the limit is 100"):
        import_parse(content=_csv([ROW] * 5), filename="t.csv", model=Technology)


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"", "t.csv", "The file is empty."),
        (b"PK\x03\x04 not really", "t.xlsx", "not a readable Excel"),
        (b"%PDF-1.4", "t.pdf", "Upload a .csv or .xlsx file."),
    ],
)
def test_unreadable_files_are_refused(content, filename, message):
    with pytest.raises(ImportFileError, match=message):
        import_parse(content=content, filename=filename, model=Technology)


def test_listing_under_review_cannot_be_overwritten_by_import(importer):
    _user, organisation = importer
    TechnologyFactory(organisation=organisation, external_id="T-1", status="under_review")
    report = _run(importer, _csv([ROW]))
    assert report.errors[0]["field"] == "external_id"
    assert "cannot be changed now" in report.errors[0]["message"]


def test_import_needs(importer):
    need_row = {
        "language": "km",
        "title": "ម៉ាស៊ីនសម្ងួត",
        "problem": "ការខាតបង់ក្រោយប្រមូលផល",
        "sectors": "agri.processing",
        "country": "KH",
        "help_kinds": "product; know_how",
    }
    content = _csv([need_row], header=list(need_row))
    report = _run(importer, content, model=Need)
    assert report.created == 1
    assert Need.objects.get().help_kinds == ["product", "know_how"]


def test_import_by_outsider_is_refused(importer):
    _user, organisation = importer
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_run(user=UserFactory(), organisation=organisation, model=Technology, rows=[ROW])


def test_import_command_reports_and_fails_on_errors(importer, tmp_path, capsys):
    user, organisation = importer
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes(_csv([ROW]))
    bad.write_bytes(_csv([{**ROW, "trl": "x"}]))
    args = ["--organisation", organisation.slug, "--kind", "technology", "--as", user.email]
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_listings", str(bad), *args)
    assert "row 2\ttrl" in capsys.readouterr().out
    call_command("import_listings", str(good), *args)
    assert Technology.objects.count() == 1


def test_import_page_runs_in_worker_and_shows_report(client, importer, worker):
    user, organisation = importer
    client.force_login(user)
    upload = SimpleUploadedFile("batch.csv", _csv([ROW, {**ROW, "external_id": "T-9", "trl": "0"}]))
    response = client.post(
        reverse("catalog:import", args=[organisation.slug]), {"kind": "technology", "file": upload}
    )
    job = ImportJob.objects.get()
    assert response.url == reverse("catalog:import_job", args=[job.pk])
    assert job.state == "waiting"
    worker()
    job.refresh_from_db()
    assert job.state == "failed"
    page = client.get(reverse("catalog:import_job", args=[job.pk])).content.decode()
    assert "The readiness level is a whole number from 1 to 9." in page
    assert Technology.objects.count() == 0


def test_import_page_rejects_unreadable_file_at_once(client, importer):
    user, organisation = importer
    client.force_login(user)
    upload = SimpleUploadedFile("batch.csv", b"language;title\nen;x\n")
    response = client.post(
        reverse("catalog:import", args=[organisation.slug]), {"kind": "technology", "file": upload}
    )
    assert response.status_code == 200
    assert "Missing columns" in response.context["form"].errors["file"][0]
    assert ImportJob.objects.count() == 0


def test_import_job_page_is_for_the_organisation_only(client, importer):
    from tests.factories import ImportJobFactory

    _user, organisation = importer
    job = ImportJobFactory(organisation=organisation)
    client.force_login(UserFactory())
    assert client.get(reverse("catalog:import_job", args=[job.pk])).status_code == 403


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_templates_download_and_reimport_cleanly(client, importer, fmt):
    response = client.get(reverse("catalog:import_template", args=["technology", fmt]))
    assert response.status_code == 200
    rows = import_parse(content=response.content, filename=f"t.{fmt}", model=Technology)
    assert list(rows[0]) == TECHNOLOGY
    report = import_run(user=importer[0], organisation=importer[1], model=Technology, rows=rows)
    assert report.errors == []
