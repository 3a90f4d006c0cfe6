"""Write rows for spreadsheets without letting a cell run as a formula there."""

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from .values import FORMULA_STARTS


def safe_cell(value: Any) -> Any:
    """Prefix text a spreadsheet would evaluate (`=`, `+`, `-`, `@`, tab, CR) with `'`.

    Numbers and dates pass unchanged: a negative number is data, not a formula.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return str(value)


def write_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with a BOM, so Excel opens diacritics and scripts correctly."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in headers])
    for row in rows:
        writer.writerow([safe_cell(_text(v)) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str
) -> bytes:
    """Cells are written as values; openpyxl takes `=...` text for a formula."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    sheet.append([safe_cell(h) for h in headers])
    for row in rows:
        sheet.append(
            [safe_cell(v if isinstance(v, int | float) else _text(v)) for v in row]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
