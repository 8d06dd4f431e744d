"""Exports and imports: the attendance log as JSON or CSV, for hosts and other laptops.

An import is read as a stranger's file: whatever it holds, the answer is the records or a
list of `FILE:LINE: field: what is wrong`, never a traceback."""

from __future__ import annotations

import csv
import errno
import io
import json
import re
import uuid
from collections.abc import Iterable, Iterator, Sequence
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson

from circle_tui.core.record import (
    FIELDS,
    MAX_COUNT,
    SCHEMA_VERSION,
    AttendanceRecord,
    RecordError,
)
from circle_tui.core.record import problems as record_problems  # here `problems` are lists
from circle_tui.core.text import control_problem
from circle_tui.i18n import _, ngettext, number
from circle_tui.storage.attendance import migrate

if TYPE_CHECKING:
    from circle_tui.core.merge import ImportPlan
    from circle_tui.storage.attendance import AttendanceLog

#: A thousand sessions export to about 300 KiB; this is room for far more.
MAX_IMPORT_BYTES = 16 * 1024 * 1024
#: Characters in one value: far above any real one (a circle name has at most 80).
MAX_FIELD = 1000
#: Digits in a number: counts go to 10,000; a longer number is a mistake, and a huge one
#: would take Python seconds to convert.
MAX_DIGITS = 9
#: Nesting of JSON lists and objects: an export is a list of flat records (depth 2); past
#: this, a file is not an export, and Python's parser would run out of stack.
MAX_DEPTH = 20
COUNTS = ("present", "newcomers", "returning", "schema")
#: What a CSV typed in by hand needs: the rest is left out or made (the id, on import).
HAND_MADE_COLUMNS = ("circle", "date", "started", "present", "newcomers")
_LEFT_OUT = {"ended": "", "status": "complete", "returning": "", "schema": str(SCHEMA_VERSION)}
#: Cells a spreadsheet would run as a formula (OWASP, "CSV Injection"), and the quote that
#: neutralises them, which therefore also marks a cell that really begins with a quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"

_NEWLINE = re.compile(r"\r\n|\r|\n")
_INT = re.compile("-?[0-9]+").fullmatch
#: A time as spreadsheets write it: an hour without its 0, seconds (always :00 here), or
#: 7:30 PM as an English Excel writes it.
_SHEET_TIME = re.compile(r"([0-9]{1,2}):([0-5][0-9])(?::00)? ?(?:([AaPp])\.? ?[Mm]\.?)?").fullmatch
#: Dates as spreadsheets write them. An ISO date, or the year first with other marks, says
#: its order; day and month with / or - need the file (or --date-order) to tell which is
#: first; dots are day first (31.12.2026), as every locale that writes them has it. A
#: midnight time after the date, as some spreadsheets add, is taken off.
_MIDNIGHT = re.compile("[ T]0?0:00(?::00)?$")
_YEAR_FIRST = re.compile("([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})").fullmatch
_EITHER_ORDER = re.compile(r"([0-9]{1,2})([/-])([0-9]{1,2})\2([0-9]{4})").fullmatch
_DAY_FIRST = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})").fullmatch
_SHORT_YEAR = re.compile("[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{2}").fullmatch
_JSON_SPACE = re.compile("[ \t\n]*")


def json_text(records: Sequence[AttendanceRecord]) -> str:
    dicts = [r.to_dict() for r in records]
    return orjson.dumps(dicts, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode()


def export_file_name(record: AttendanceRecord) -> str:
    """One session's file: the date for a person, the id's start so sessions never clash."""
    return f"circle-tui-attendance-{record.date}-{record.id[:8]}.json"


def save_export(folder: Path, record: AttendanceRecord) -> Path:
    """One session as a JSON export (what `circle-tui attendance import` reads) in an existing
    folder, written atomically, mode 0600; the same session saved again replaces its file.
    OSError if it cannot be written; a folder that does not exist is not made up."""
    from circle_tui.storage.atomic import write_text_atomic

    if not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, _("no such folder"), str(folder))
    path = folder / export_file_name(record)
    write_text_atomic(path, json_text([record]))
    return path


def neutralise(cell: str) -> str:
    """A cell a spreadsheet shows as text: a leading quote before a formula character, and
    before a quote that was already there, so `restore` can tell them apart."""
    return QUOTE + cell if cell.startswith((*FORMULA_STARTS, QUOTE)) else cell


def restore(cell: str) -> str:
    """The cell as it was before `neutralise`; other cells, even ones a person began with a
    quote, are left as they are."""
    if cell.startswith(QUOTE) and cell[1:].startswith((*FORMULA_STARTS, QUOTE)):
        return cell[1:]
    return cell


def csv_text(records: Sequence[AttendanceRecord], excel: bool = False) -> str:
    return csv_table(FIELDS, records, excel)


#: Where a spreadsheet's decimal mark is the comma (Spanish, French, German…), it separates
#: cells with `;`, and opens a file as UTF-8 only if it starts with a byte-order mark.
EXCEL_SEPARATOR = ";"
BOM = "\ufeff"


def csv_table(header: Sequence[str], rows: Iterable[Sequence[object]], excel: bool = False) -> str:
    """CSV as RFC 4180 has it: CRLF line ends, so a value with a CR or LF in it is quoted
    (Python's writer quotes only the characters of its line terminator); every cell safe
    in a spreadsheet, and None (a returning not counted) an empty cell, as it is read back.

    `excel`: as a spreadsheet that writes decimal commas reads it in one double-click: a
    byte-order mark, `;` between cells, and decimals with the language's own mark."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", delimiter=EXCEL_SEPARATOR if excel else ",")
    writer.writerow(header)
    mark = number(1.5, 1)[1] if excel else "."  # the language's decimal mark
    writer.writerows([neutralise(_cell(v, mark)) for v in row] for row in rows)
    return (BOM if excel else "") + out.getvalue()


def _cell(value: object, mark: str) -> str:
    if value is None:
        return ""
    if type(value) is float and mark != ".":
        return repr(value).replace(".", mark)
    return str(value)


Problem = tuple[int, str]  # a line, and `field: what is wrong` there
Found = list[tuple[int, Any]]  # a line, and what was read there: a record-to-be, or not


class Parsed(NamedTuple):
    """What an import file holds: its records, one `FILE:LINE: field: problem` per bad row,
    the line of each row that came without an id (its id made on import), and the line of
    every record (for what is said about it)."""

    records: list[AttendanceRecord]
    problems: list[str]
    made: dict[str, int]
    lines: dict[str, int]


def parse_export(data: bytes, source: str, date_order: str | None = None) -> Parsed:
    """Records from a JSON or CSV export or a CSV typed in by hand (no id column), and one
    `FILE:LINE: field: problem` per bad row.

    Takes what spreadsheets and editors save: a UTF-8 byte-order mark, CRLF or CR line
    ends, empty rows at the end, dates in the day-month orders of spreadsheets (`date_order`
    "dmy" or "mdy" where the file's own dates cannot tell). Two rows with one id are an
    error naming both lines."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = len(_NEWLINE.findall(data[: err.start].decode("utf-8"))) + 1
        problem = f"{source}:{line}: " + _(
            'not UTF-8 text — save the file as UTF-8 (in a spreadsheet: "CSV UTF-8")'
        )
        return Parsed([], [problem], {}, {})
    text = text.removeprefix(BOM)
    if text.lstrip().startswith(("[", "{")):
        found, problems = _read_json(text)
        made = {}
    else:
        found, problems = _read_csv(text)
        dates, unread = _read_dates(found, date_order)
        for line, doc in found:
            if line in unread:  # said once, for its date; the row's other cells are checked
                doc["date"] = _Told(doc["date"])
        problems += dates
        made = _made_ids(found)
    records = _records(found, problems)
    first_line: dict[str, int] = {}
    for line, record in records:
        earlier = first_line.setdefault(record.id, line)
        if earlier != line:
            problems.append(
                (
                    line,
                    "id: "
                    + _(
                        "the same id as line {line}; one session would hide the other — "
                        "keep one of the two rows"
                    ).format(line=earlier),
                )
            )
    problems.sort(key=lambda p: p[0])
    return Parsed(
        [record for _, record in records],
        [f"{source}:{n}: {what}" for n, what in problems],
        made,
        {record.id: line for line, record in records},
    )


def apply_import(log: AttendanceLog, plan: ImportPlan) -> int:
    """Write what `plan` adds and the drafts it finishes, through the log's own merge (the
    caller holds the writer lock, and planned from this log's records); how many."""
    added, _already = log.merge(plan.to_write)
    return added


def _made_ids(found: Found) -> dict[str, int]:
    """An id for each row typed in without one (no id column, or an empty cell), by line:
    such rows are matched by circle, date and start instead (cli/attendance.py)."""
    made = {}
    for line, doc in found:
        if isinstance(doc, dict) and not doc.get("id"):
            doc["id"] = str(uuid.uuid4())
            made[doc["id"]] = line
    return made


# -- records ---------------------------------------------------------------------------------
class _Digits(str):
    """A number with more than MAX_DIGITS digits, kept as its text: never converted."""


class _NotNumber(str):
    """A CSV count cell that is no whole number, kept as its text for the message."""


class _Told(str):
    """A cell whose problem is already said (a date that could not be read): not again."""


class _Repeated(dict):
    """A JSON object that names one key twice; `key` says which."""

    key = ""


def _cut(value: str, width: int = 24) -> str:
    """A value cut short for a message: a 1000-character cell is not echoed whole."""
    return value if len(value) <= width else value[:width] + "…"


def _records(found: Found, problems: list[Problem]) -> list[tuple[int, AttendanceRecord]]:
    """Records for what was read; what is no record goes to `problems` with its line."""
    good = []
    for line, doc in found:
        result = _record(doc)
        if isinstance(result, list):
            problems.extend((line, said) for said in result)
        else:
            good.append((line, result))
    return good


def _record(doc: Any) -> AttendanceRecord | list[str]:
    """The record, or `field: what is wrong` for each field that is wrong: a host fixing a
    row sees all of it at once, not one problem per try."""
    if isinstance(doc, _Repeated):
        return [f"{doc.key}: " + _("given twice in one record; keep one")]
    said = dict(_cell_problems(doc))
    told = {n for n, v in doc.items() if isinstance(v, _Told)} if isinstance(doc, dict) else set()
    try:  # an export from a laptop still on schema 1 is brought up to this one
        record = migrate(doc) if isinstance(doc, dict) else doc
    except RecordError as err:  # a newer schema, or a field an older one had not
        said.setdefault(err.field, err.problem)
        return _told(said)
    for wrong in record_problems(record, aside=said.keys() | told):
        said[wrong.field] = wrong.problem
    if said or told:
        return _told(said)
    return AttendanceRecord.from_dict(record)


def _told(said: dict[str, str]) -> list[str]:
    """`field: what is wrong` for each, in the record's order (unknown fields first)."""
    order = {name: at for at, name in enumerate(FIELDS)}
    return [f"{_cut(name)}: {said[name]}" for name in sorted(said, key=lambda n: order.get(n, -1))]


def _cell_problems(doc: Any) -> Iterator[tuple[str, str]]:
    """What is wrong with a record's cells before the schema is asked: an unknown field, a
    number too long to read, text too long or holding a control character."""
    for name, value in doc.items() if isinstance(doc, dict) else ():
        if isinstance(value, _Told):
            continue  # said already
        if name not in FIELDS:
            yield (
                name,
                _("unknown field; a record holds only {fields}").format(fields=", ".join(FIELDS)),
            )
        elif isinstance(value, _Digits):
            yield name, _too_many_digits(value)
        elif isinstance(value, _NotNumber):
            yield name, _("expected a whole number, got {value}").format(value=repr(_cut(value)))
        elif isinstance(value, str):
            if len(value) > MAX_FIELD:
                yield (
                    name,
                    _("{n} characters, over the limit of {most}").format(
                        n=number(len(value)), most=number(MAX_FIELD)
                    ),
                )
            elif problem := control_problem(value):
                yield name, problem


def _too_many_digits(value: str) -> str:
    digits = len(value.lstrip("-"))
    return _("a number of {n} digits; expected 0 to {most}").format(
        n=number(digits), most=number(MAX_COUNT)
    )


# -- JSON ------------------------------------------------------------------------------------
def _bounded_int(digits: str) -> int | _Digits:
    return _Digits(digits) if len(digits.lstrip("-")) > MAX_DIGITS else int(digits)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    repeated = _Repeated(result)
    seen: set[str] = set()
    for key, _value in pairs:
        if key in seen:
            repeated.key = key
            break
        seen.add(key)
    return repeated


_DECODER = json.JSONDecoder(parse_int=_bounded_int, object_pairs_hook=_object)


def _nesting(value: Any) -> int:
    """How many levels of lists and objects `value` has (a number or text has none),
    counted level by level: no recursion, however deep."""
    depth, level = 0, [value]
    while level := [v for v in level if isinstance(v, (list, dict))]:
        depth += 1
        level = [child for v in level for child in (v.values() if isinstance(v, dict) else v)]
    return depth


def _too_deep() -> str:
    return _(
        "nested more than {most} levels deep; an export is a list of flat records — "
        "re-export the file"
    ).format(most=MAX_DEPTH)


class _Text:
    """A position in the text and its line, counted on from the last one asked for:
    counting from the top each time would be quadratic."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line, self._counted_to = 1, 0

    def line_at(self, pos: int) -> int:
        self._line += self.text.count("\n", self._counted_to, pos)
        self._counted_to = pos
        return self._line

    def skip(self, pos: int) -> int:
        """The position of the next character that is not JSON whitespace."""
        return _JSON_SPACE.match(self.text, pos).end()  # type: ignore[union-attr]

    def char(self, pos: int) -> str:
        return self.text[pos : pos + 1]


def _read_json(text: str) -> tuple[Found, list[Problem]]:
    """`[record, record, …]` one record at a time, so that each problem names its line."""
    # A CR is never inside a valid JSON string, so making every line end a LF changes no
    # value, and lets Python's line numbers count CR-only files too.
    walk = _Text(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = walk.text
    pos = walk.skip(0)
    if walk.char(pos) != "[":
        return [], [
            (
                walk.line_at(pos),
                _(
                    "a JSON object, not a list of records — import a file written by "
                    "`circle-tui attendance --format json`"
                ),
            )
        ]
    found: Found = []
    pos = walk.skip(pos + 1)
    while walk.char(pos) not in ("]", ""):
        line = walk.line_at(pos)
        try:
            item, pos = _DECODER.raw_decode(text, pos)
        except json.JSONDecodeError as err:
            return found, [
                (
                    err.lineno,
                    _("not valid JSON ({problem}) — fix or re-export the file").format(
                        problem=err.msg
                    ),
                )
            ]
        except RecursionError:  # deeper than Python's parser can go
            return found, [(line, _too_deep())]
        if 1 + _nesting(item) > MAX_DEPTH:  # 1: the list around the records
            return found, [(line, _too_deep())]
        found.append((line, item))
        pos = walk.skip(pos)
        if walk.char(pos) != ",":
            break
        pos = walk.skip(pos + 1)
        if walk.char(pos) == "]":
            return found, [(walk.line_at(pos), _("a comma before the closing `]` — remove it"))]
    if walk.char(pos) != "]":
        what = (
            _("the JSON list is not closed — fix or re-export the file")
            if pos >= len(text)
            else _("expected `,` or `]` — fix or re-export the file")
        )
        return found, [(walk.line_at(pos), what)]
    after = walk.skip(pos + 1)
    if after < len(text):
        return found, [(walk.line_at(after), _("text after the closing `]` — remove it"))]
    return found, []


# -- CSV -------------------------------------------------------------------------------------
def _separator(lines: list[str]) -> str:
    """The header's separator: a comma, or the semicolon (or tab) that spreadsheets write where
    the comma is the decimal mark, as in Spanish. Counts are whole numbers, so either is safe."""
    header = next((line for line in lines if line.strip(" \t\r\n,;")), "")
    if "," in header:
        return ","
    return ";" if ";" in header else "\t" if "\t" in header else ","


def _read_csv(text: str) -> tuple[Found, list[Problem]]:
    # Lines cut at CRLF, CR or LF alike, ends kept: a quoted value keeps its own line breaks.
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines, delimiter=_separator(lines))
    found: Found = []
    problems: list[Problem] = []
    header: list[str] | None = None
    last = 0
    try:
        for row in reader:
            line, last = last + 1, reader.line_num  # a quoted value may span several lines
            if not any(cell.strip() for cell in row):  # an empty row, as spreadsheets add
                continue
            if header is None:  # `Circle`, `Present`: as a spreadsheet's header may say
                header = [cell.strip().lower() for cell in row]
                problem = _header_problem(header)
                if problem:
                    return [], [(line, problem)]
                left_out = _left_out(header)
                continue
            doc = _csv_doc(header, row, left_out)
            if isinstance(doc, str):
                problems.append((line, doc))
            else:
                found.append((line, doc))
    except csv.Error as err:
        problems.append(
            (
                reader.line_num,
                _("not valid CSV ({problem}) — fix or re-export the file").format(problem=err),
            )
        )
    if header is None and not problems:
        problems.append(
            (
                1,
                _("no header; expected {fields} — export with --format csv").format(
                    fields=",".join(FIELDS)
                ),
            )
        )
    return found, problems


def _header_problem(header: list[str]) -> str:
    """What is wrong with a CSV header, or "": an export's, or a sheet typed in by hand with
    at least HAND_MADE_COLUMNS and no column a record does not have (a name, say)."""
    unknown = [name for name in header if name not in FIELDS]
    if unknown:
        return f"{_cut(unknown[0])}: " + _("unknown column; a row holds only {fields}").format(
            fields=",".join(FIELDS)
        )
    if not set(HAND_MADE_COLUMNS) <= set(header):
        return _(
            "expected the header {fields} — export with --format csv, or give at "
            "least {columns} for sessions typed in by hand"
        ).format(fields=",".join(FIELDS), columns=",".join(HAND_MADE_COLUMNS))
    return ""


def _left_out(header: list[str]) -> dict[str, str]:
    """Values for the columns a sheet typed in by hand leaves out. An export (it has the
    schema column) has every column of its schema: a schema-1 one no returning to fill in."""
    left_out = {name: value for name, value in _LEFT_OUT.items() if name not in header}
    if "schema" in header:
        left_out.pop("returning", None)
    return left_out


def _csv_doc(header: list[str], row: list[str], left_out: dict[str, str]) -> dict[str, Any] | str:
    """A row as a record-to-be (counts made numbers, or kept as text to be told), or what
    is wrong with its shape."""
    if len(row) != len(header):
        if len(row) < len(header) and any('"' in cell or "\n" in cell for cell in row):
            return _("a quote opened in this row is never closed; close it or remove it")
        return ngettext(
            "{n} cell; the header has {columns}", "{n} cells; the header has {columns}", len(row)
        ).format(n=len(row), columns=len(header))
    doc: dict[str, Any] = {name: restore(cell) for name, cell in zip(header, row, strict=True)}
    doc = {**left_out, **doc}
    for name in ("started", "ended"):  # 9:05, 21:00:00 or 9:00 PM, as spreadsheets save times
        found = _SHEET_TIME(doc.get(name, "").strip())
        if found:
            hour = int(found[1])
            if found[3] and 1 <= hour <= 12:
                hour = hour % 12 + (12 if found[3] in "Pp" else 0)
            doc[name] = f"{hour:02d}:{found[2]}"
    for name in COUNTS:
        if name not in doc:  # a schema-1 export has no returning column
            continue
        raw = doc[name].strip()
        if name == "returning" and not raw:
            doc[name] = None  # an empty cell: not counted
            continue
        if not _INT(raw):
            doc[name] = _NotNumber(raw)  # said with the row's other problems
        elif len(raw.lstrip("-")) > MAX_DIGITS:
            doc[name] = _Digits(raw)
        else:
            doc[name] = int(raw)
    return doc


# -- dates as spreadsheets write them --------------------------------------------------------
def _spreadsheet_fix() -> str:
    return _(
        "in the spreadsheet, format the date column as a date with a four-digit year "
        "(Format ▸ Cells ▸ Date: 2026-11-28 or 28/11/2026), then save as CSV again"
    )


def _read_dates(found: Found, date_order: str | None) -> tuple[list[Problem], set[int]]:
    """Every row's date made YYYY-MM-DD in place; one problem per date that cannot be, and
    one for a file whose day-month order nothing decides (a day above 12 tells, or
    `date_order`). The order is the file's, never guessed row by row. Returns the problems
    and the lines whose dates could not be read."""
    either = []  # (line, doc, first, second, year): day and month in an order to find out
    problems: list[Problem] = []
    for line, doc in found:
        raw = doc.get("date")
        if not isinstance(raw, str):
            continue
        value = _MIDNIGHT.sub("", raw.strip())
        if (form := _YEAR_FIRST(value)) is not None:
            problem = _set_date(doc, int(form[1]), int(form[2]), int(form[3]), value)
        elif (form := _DAY_FIRST(value)) is not None:
            problem = _set_date(doc, int(form[3]), int(form[2]), int(form[1]), value)
        elif (form := _EITHER_ORDER(value)) is not None:
            either.append((line, doc, int(form[1]), int(form[3]), int(form[4]), value))
            continue
        elif _SHORT_YEAR(value):
            problem = "date: " + _("{value}: a two-digit year; ").format(value=repr(value))
            problem += _spreadsheet_fix()
        else:
            problem = "date: " + _("{value} is not a date; ").format(value=repr(_cut(value)))
            problem += _spreadsheet_fix()
        if problem:
            problems.append((line, problem))
    if not either:
        return problems, {line for line, _problem in problems}
    order = date_order or _order_of(either, problems)
    if order is None:  # every such row waits for the order: none is read as a record
        return problems, {line for line, _problem in problems} | {row[0] for row in either}
    for line, doc, first, second, year, value in either:
        day, month = (first, second) if order == "dmy" else (second, first)
        problem = _set_date(doc, year, month, day, value, order)
        if problem:
            problems.append((line, problem))
    return problems, {line for line, _problem in problems}


def _order_of(either: list, problems: list[Problem]) -> str | None:
    """dmy or mdy as the file's dates decide it; None (and the problem said) when they
    cannot, or contradict each other."""
    day_first = next((row for row in either if row[2] > 12 >= row[3]), None)
    month_first = next((row for row in either if row[3] > 12 >= row[2]), None)
    if day_first and month_first:
        problems.append(
            (
                max(day_first[0], month_first[0]),
                "date: "
                + _(
                    "line {day_line} has the day first ({day_value}), line {month_line} the "
                    "month first ({month_value}); give every date in one order — "
                ).format(
                    day_line=day_first[0],
                    day_value=day_first[5],
                    month_line=month_first[0],
                    month_value=month_first[5],
                )
                + _spreadsheet_fix(),
            )
        )
        return None
    if day_first or month_first:
        return "dmy" if day_first else "mdy"
    line, _doc, first, second, year, value = either[0]
    problems.append(
        (
            line,
            "date: "
            + _(
                "dates such as {value} could be day first or month first, and no date in "
                "the file has a day above 12 to tell; import again with --date-order dmy "
                "(day first: {dmy}) or --date-order mdy (month first: {mdy})"
            ).format(
                value=value,
                dmy=_iso(year, second, first) or "—",
                mdy=_iso(year, first, second) or "—",
            ),
        )
    )
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return Date(year, month, day).isoformat()
    except ValueError:
        return None


def _set_date(
    doc: dict[str, Any], year: int, month: int, day: int, value: str, order: str = ""
) -> str:
    """The date put in `doc` as YYYY-MM-DD; or, for a day not in the calendar, the problem."""
    iso = _iso(year, month, day)
    if iso is not None:
        doc["date"] = iso
        return ""
    read_as = {"dmy": _("read day first"), "mdy": _("read month first")}.get(order)
    return (
        "date: "
        + _("{value} is no day of the calendar").format(value=repr(value))
        + (f" ({read_as})" if read_as else "")
        + "; "
        + _spreadsheet_fix()
    )
