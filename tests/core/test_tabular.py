import csv
import io

from openpyxl import load_workbook

from techbridge.core.tabular import csv_cell, csv_cell_unescape, table_bytes

FORMULA = '=HYPERLINK("http://evil.example","open")'


def test_table_bytes_xlsx_stores_formula_like_text_as_text():
    content = table_bytes(header=["title"], rows=[[FORMULA], ["+1", 7]], fmt="xlsx", sheet="t")
    sheet = load_workbook(io.BytesIO(content))["t"]
    assert sheet["A2"].value == FORMULA
    assert sheet["A2"].data_type == "s"
    assert sheet["A3"].data_type == "s"
    assert sheet["B3"].value == 7


def test_table_bytes_xlsx_writes_extra_sheets():
    content = table_bytes(
        header=["a"], rows=[], fmt="xlsx", extra_sheets={"codes": [["code"], ["x"]]}
    )
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["data", "codes"]
    assert [row for row in workbook["codes"].iter_rows(values_only=True)] == [("code",), ("x",)]


def test_table_bytes_csv_neutralises_formulas_with_bom():
    content = table_bytes(
        header=["title", "n"], rows=[[FORMULA, "-3"], ["@SUM(A1)", "-x"]], fmt="csv"
    )
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows == [["title", "n"], ["'" + FORMULA, "-3"], ["'@SUM(A1)", "'-x"]]


def test_csv_cell_unescape_restores_exported_text():
    for text in [FORMULA, "-x", "+66 2 123", "plain", "'quoted by the writer", "-2.5"]:
        assert csv_cell_unescape(csv_cell(text)) == text
