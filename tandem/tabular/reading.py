"""Turn uploaded bytes into a `Table` of text cells, or refuse them with a reason.

Everything that decides whether a file can be read at all happens here, before any
value is interpreted: content sniffing, encoding, delimiter, header row, sheet choice.
"""

import codecs
import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time

from .errors import EncodingQuestion, FileRefused, RowIssue

MAX_BYTES = 10 * 1024 * 1024
LEGACY_CANDIDATES = ("cp1250", "cp1252", "cp1251")
DELIMITERS = (",", ";", "\t")
HEADER_SEARCH_ROWS = 10

Cell = str | datetime

_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "an image"),
    (b"\xff\xd8\xff", "an image"),
    (b"GIF8", "an image"),
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0", "an old Excel .xls or Word file; save it as .xlsx or CSV"),
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_EMAIL_IN_TEXT = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass
class Record:
    """One data row.

    `number` is the row as a spreadsheet shows it: records (not physical lines) counted
    from the top, so the header is row 1 unless title rows stand above it.
    """

    number: int
    cells: list[Cell]
    source_line: int

    def cell(self, index: int) -> Cell:
        return self.cells[index] if index < len(self.cells) else ""


@dataclass
class Table:
    filename: str
    encoding: str | None
    delimiter: str | None
    sheet_names: list[str]
    sheet: str | None
    header_row_index: int
    headers: list[str]
    rows: list[Record]
    notes: list[str] = field(default_factory=list)
    issues: list[RowIssue] = field(default_factory=list)
    column_ids: list[str] = field(default_factory=list)
    column_meta: list[dict] = field(default_factory=list)


def read_table(
    data: bytes,
    filename: str,
    *,
    legacy_encoding: str | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
) -> Table:
    """Read a CSV/text export or an XLSX workbook; `header_row` is 1-based."""
    if not data:
        raise FileRefused(filename, "the file is empty")
    if len(data) > MAX_BYTES:
        raise FileRefused(filename, f"the file is larger than {MAX_BYTES // 2**20} MB")
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, filename, sheet=sheet, header_row=header_row)
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise FileRefused(filename, f"not a CSV/text file ({kind})")
    text, encoding = decode(data, filename, legacy_encoding)
    return _read_text(text, filename, encoding, header_row=header_row)


def decode(data: bytes, filename: str, legacy_encoding: str | None) -> tuple[str, str]:
    """Decode without guessing: BOM, then strict UTF-8, then the declared code page."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise FileRefused(filename, f"broken {encoding} text: {exc}") from exc
    if b"\x00" in data[:4096]:
        raise FileRefused(filename, "not a CSV/text file (binary data)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if legacy_encoding:
            return _decode_legacy(data, filename, legacy_encoding), legacy_encoding
        raise EncodingQuestion(filename, _encoding_samples(data, exc.start)) from exc


def _decode_legacy(data: bytes, filename: str, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise FileRefused(filename, f"not readable as {encoding}: {exc}") from exc


def _encoding_samples(data: bytes, bad_offset: int) -> dict[str, str]:
    start = data.rfind(b"\n", 0, bad_offset) + 1
    end = data.find(b"\n", bad_offset)
    line = data[start : end if end != -1 else None][:200]
    return {
        enc: line.decode(enc, errors="replace").strip() for enc in LEGACY_CANDIDATES
    }


def sniff_delimiter(text: str) -> str:
    """Count candidate delimiters outside quotes on the first logical line."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "\r\n":
            break
        elif not quoted and char in counts:
            counts[char] += 1
    return max(DELIMITERS, key=lambda d: counts[d])


def _read_text(
    text: str, filename: str, encoding: str, *, header_row: int | None
) -> Table:
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    raw: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for cells in reader:
            raw.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise FileRefused(
            filename, f"not readable as CSV near line {line}: {exc}"
        ) from exc
    table = Table(filename, encoding, delimiter, [], None, 0, [], [])
    _fill(table, raw, header_row)
    return table


def _fill(
    table: Table, raw: list[tuple[int, list[Cell]]], header_row: int | None
) -> None:
    """Find the header, then number and check the records below it."""
    if not any(_non_empty(cells) for _, cells in raw):
        raise FileRefused(table.filename, "the file is empty")
    position = header_row - 1 if header_row else _header_position(table, raw)
    if position >= len(raw):
        raise FileRefused(table.filename, f"there is no row {position + 1}")
    header_cells = raw[position][1]
    _check_header(table, header_cells, position + 1)
    width = _width(header_cells)
    table.header_row_index = position + 1
    table.headers = [_header_text(c) for c in header_cells[:width]]
    body = raw[position + 1 :]
    number = position + 1
    for line, cells in body:
        number += 1
        if number == position + 2 and _is_import_id_row(cells):
            table.column_meta = [_json_or_empty(c) for c in cells[:width]]
            continue
        if not _non_empty(cells):
            continue
        length = _length(cells)
        if length > width or len(cells) < width:
            count = len(cells) if len(cells) < width else length
            message = f"{count} cells, the header has {width}"
            table.issues.append(RowIssue(number, "", "", message))
            continue
        table.rows.append(Record(number, list(cells[:width]), line))
    if not table.rows and not table.issues:
        raise FileRefused(table.filename, "no data rows")


def _header_position(table: Table, raw: list[tuple[int, list[Cell]]]) -> int:
    """Row index of the header: the first plausible one, after Qualtrics' id row."""
    first = raw[0][1]
    if len(raw) > 2 and _is_import_id_row(raw[2][1]):
        table.column_ids = [_header_text(c) for c in first]
        table.notes.append("Qualtrics export: question ids on row 1, text on row 2")
        return 1
    for index, (_, cells) in enumerate(raw[:HEADER_SEARCH_ROWS]):
        if _plausible_header(cells):
            return index
    return 0


def _plausible_header(cells: list[Cell]) -> bool:
    filled = [c for c in cells if c not in ("", None)]
    return len(filled) >= 2 and all(
        isinstance(c, str) and not _EMAIL_IN_TEXT.search(c) for c in filled
    )


def _check_header(table: Table, cells: list[Cell], row: int) -> None:
    subject = (
        f"sheet '{table.sheet}' has no header row" if table.sheet else "no header row"
    )
    filled = [c for c in cells if _filled(c)]
    for cell in filled:
        if not isinstance(cell, str):
            reason = f"{subject}: row {row} looks like data (it contains a date)"
            raise FileRefused(table.filename, reason)
        if _EMAIL_IN_TEXT.search(cell):
            reason = (
                f"{subject}: row {row} looks like data (it contains an e-mail address)"
            )
            raise FileRefused(table.filename, reason)
    if len(filled) < 2:
        raise FileRefused(
            table.filename, f"{subject}: row {row} has fewer than two titles"
        )


def _is_import_id_row(cells: list[Cell]) -> bool:
    filled = [c for c in cells if isinstance(c, str) and c]
    return bool(filled) and all(c.startswith('{"ImportId"') for c in filled)


def _json_or_empty(cell: Cell) -> dict:
    try:
        value = json.loads(cell) if isinstance(cell, str) and cell else {}
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


def _header_text(cell: Cell) -> str:
    return "" if cell is None else str(cell).replace("\ufeff", "").strip()


def _non_empty(cells: list[Cell]) -> bool:
    return any(_filled(c) for c in cells)


def _filled(cell: Cell) -> bool:
    return cell is not None and (not isinstance(cell, str) or cell.strip() != "")


def _length(cells: list[Cell]) -> int:
    """Cell count once empty cells at the end of the row are dropped."""
    length = len(cells)
    while length and not _filled(cells[length - 1]):
        length -= 1
    return length


def _width(header: list[Cell]) -> int:
    return _length(header)


def _read_xlsx(
    data: bytes, filename: str, *, sheet: str | None, header_row: int | None
) -> Table:
    # openpyxl parses the workbook XML through defusedxml when it is installed.
    import openpyxl

    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile as exc:
        raise FileRefused(filename, "not a CSV/text file (a damaged archive)") from exc
    if "xl/workbook.xml" not in names:
        raise FileRefused(filename, "not a CSV/text file (a ZIP archive)")
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return _pick_sheet(book, filename, sheet, header_row)
    finally:
        book.close()


def _pick_sheet(book, filename: str, sheet: str | None, header_row: int | None):
    names = list(book.sheetnames)
    if sheet is not None and sheet not in names:
        raise FileRefused(filename, f"there is no sheet '{sheet}' (sheets: {names})")
    candidates = [sheet] if sheet else names
    refusals = []
    for name in candidates:
        raw = [
            (number, [_xlsx_cell(v) for v in values])
            for number, values in enumerate(book[name].iter_rows(values_only=True), 1)
        ]
        table = Table(filename, None, None, names, name, 0, [], [])
        try:
            _fill(table, raw, header_row)
        except FileRefused as exc:
            refusals.append(exc.reason)
            continue
        if name != names[0]:
            table.notes.append(
                f"read sheet '{name}'; the first sheet has no header row"
            )
        return table
    raise FileRefused(filename, "; ".join(refusals))


def _xlsx_cell(value) -> Cell:
    """Text for identifiers and numbers (no `.0`), datetimes for real date cells."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
