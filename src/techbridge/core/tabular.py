"""CSV and XLSX downloads of plain tables, safe to open in a spreadsheet.

Exported cells hold text that users typed (titles, names, messages). A spreadsheet treats a
cell starting with = + - @ as a formula, so a title such as `=HYPERLINK(...)` would run when
staff open the export. XLSX cells are therefore written as typed strings (never formulas) and
CSV cells that a spreadsheet would read as a formula get a leading apostrophe, which
spreadsheets hide and `csv_cell_unescape` removes again on import."""

import csv
import io

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _looks_like_formula(text: str) -> bool:
    if not text.startswith(FORMULA_STARTS):
        return False
    # A plain negative number is data, not a formula.
    return not (text.startswith("-") and text[1:].replace(".", "", 1).isdigit())


def csv_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if _looks_like_formula(text) else text


def csv_cell_unescape(text: str) -> str:
    """Inverse of csv_cell for files exported here and edited in a spreadsheet."""
    if text.startswith("'") and _looks_like_formula(text[1:]):
        return text[1:]
    return text


def table_bytes(
    *,
    header: list[str],
    rows: list[list],
    fmt: str,
    sheet: str = "data",
    extra_sheets: dict[str, list[list]] | None = None,
) -> bytes:
    """fmt "csv" (UTF-8 with BOM, so Excel opens it right) or "xlsx" (first sheet `sheet`,
    then each extra sheet: name -> rows, first row its header)."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([csv_cell(cell) for cell in header])
        writer.writerows([csv_cell(cell) for cell in row] for row in rows)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    for name, table in [(sheet, [header, *rows]), *(extra_sheets or {}).items()]:
        worksheet = workbook.create_sheet(name)
        for row in table:
            worksheet.append([_xlsx_cell(worksheet, value, WriteOnlyCell) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(worksheet, value, cell_class):
    if not isinstance(value, str):
        return value
    cell = cell_class(worksheet, value=value)
    cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
    return cell
