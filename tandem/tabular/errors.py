"""What can go wrong while reading a file, as objects the UI can show or ask about."""

from dataclasses import dataclass, field


class FileRefused(Exception):
    """The file is not read at all: nothing in it may reach the database."""

    def __init__(self, filename: str, reason: str):
        super().__init__(f"{filename}: {reason}")
        self.filename = filename
        self.reason = reason


class EncodingQuestion(Exception):
    """The bytes are not UTF-8 and no legacy code page was declared.

    `samples` maps each candidate encoding to how the first undecodable line reads in
    it, so a coordinator can pick the one where the names come out right.
    """

    def __init__(self, filename: str, samples: dict[str, str]):
        super().__init__(
            f"{filename}: which encoding? candidates: {', '.join(samples)}"
        )
        self.filename = filename
        self.samples = samples

    @property
    def candidates(self) -> list[str]:
        return list(self.samples)


class DayOrderQuestion(Exception):
    """A date column reads both ways (3/4/2023); the whole file needs one answer."""

    def __init__(self, column: str, samples: list[str], reason: str):
        super().__init__(f"{column}: {reason} (e.g. {', '.join(samples[:3])})")
        self.column = column
        self.samples = samples
        self.reason = reason


@dataclass(frozen=True)
class RowIssue:
    """One problem with one cell (or one row, or the file when `row` is None).

    `column` is the header as the file spells it; `field` the application field the
    cell was read for, when there is one.
    """

    row: int | None
    column: str
    value: str
    message: str
    severity: str = field(default="error")
    field: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == "error"
