"""`circle-tui attendance`: table, CSV and JSON exports, filters, and merging another laptop's file."""

import csv
import io
import json

import pytest

from circle_tui.core.record import FIELDS
from circle_tui.storage.attendance import FILE_NAME, AttendanceLog
from tests.support.helpers import old_log, record, run_cli


@pytest.fixture
def filled(isolated_dirs):
    log, _ = AttendanceLog.open(isolated_dirs["data"])
    records = [
        record("2026-09-01", "Tuesday circle", 8, 2),
        record("2026-10-06", "Tuesday circle", 11, 4),
        record("2026-10-09", "Friday drop-in", 5, 5, started="18:00", ended="19:00"),
        record("2026-11-24", "Tuesday circle", 9, 3, status="interrupted"),
    ]
    for r in records:
        log.save(r)
    return records


def test_the_table_lists_sessions_with_totals(filled, capsys):
    code, out, _ = run_cli(capsys, "attendance")
    assert code == 0
    assert "2026-10-09  Friday drop-in" in out and "60  complete" in out
    assert (
        "4 sessions · 33 attendances · 8.2 per session · 14 first-timers · returning not counted"
    ) in out


def test_totals_of_one_session_say_session(isolated_dirs, capsys):
    log, _ = AttendanceLog.open(isolated_dirs["data"])
    log.save(record(present=3, newcomers=1, returning=1))
    _, out, _ = run_cli(capsys, "attendance")
    assert out.endswith(
        "1 session · 3 attendances · 3.0 per session · 1 first-timer · "
        "1 of 1 first-timer came back (100%)\n"
    )


def test_the_table_lines_up_every_kind_of_session(isolated_dirs, capsys):
    log, _ = AttendanceLog.open(isolated_dirs["data"])
    for r in [
        record("2026-11-03", "Night owls", 12, 0, started="23:30", ended="00:15", returning=3),
        record("2026-11-01", "Tuesday circle", 10_000, 10_000, started="19:00", ended="19:00"),
        record("2026-11-04", "Tuesday circle", 0, 0, status="in_progress", ended="", returning=0),
    ]:
        log.save(r)
    _, out, _ = run_cli(capsys, "attendance")
    assert out == (
        "date        circle          present   new  returning  minutes  status\n"
        "2026-11-01  Tuesday circle    10000  10000          —        0  complete\n"
        "2026-11-03  Night owls           12     0          3       45  complete\n"
        "2026-11-04  Tuesday circle        0     0          0           in progress\n"
        "3 sessions · 10,012 attendances · 3,337.3 per session · 10,000 first-timers · "
        "3 came back for a second time, and no first-timers came — in the 2 sessions that "
        "counted returns\n"
    )


def test_filters_by_circle_and_date_range(filled, capsys):
    _, out, _ = run_cli(
        capsys,
        "attendance",
        "--circle",
        "Tuesday circle",
        "--since",
        "2026-10-01",
        "--until",
        "2026-10-31",
        "--format",
        "json",
    )
    assert [r["date"] for r in json.loads(out)] == ["2026-10-06"]


def test_a_bad_date_flag_is_a_clear_error(filled, capsys):
    code, _, err = run_cli(capsys, "attendance", "--since", "last week")
    assert code == 2 and "--since 'last week': expected a month as YYYY-MM or a day as" in err


def test_json_has_exactly_the_design_fields(filled, capsys):
    _, out, _ = run_cli(capsys, "attendance", "--format", "json")
    rows = json.loads(out)
    assert len(rows) == 4 and all(list(row) == list(FIELDS) for row in rows)


def test_csv_has_a_header_of_the_field_names_and_a_row_per_record(filled, capsys):
    _, out, _ = run_cli(capsys, "attendance", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == list(FIELDS) and len(rows) == 5


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_then_import_into_an_empty_dir_reproduces_the_records(filled, capsys, tmp_path, fmt):
    _, out, _ = run_cli(capsys, "attendance", "--format", fmt)
    export = tmp_path / f"export.{fmt}"
    export.write_text(out, encoding="utf-8")
    other = tmp_path / "other-laptop"
    code, said, _ = run_cli(capsys, "--data-dir", str(other), "attendance", "import", str(export))
    assert code == 0 and "imported 4 sessions" in said and "skipped 0" in said
    assert AttendanceLog.read_only(other).records() == sorted(
        filled, key=lambda r: (r.date, r.started, r.id)
    )
    code, said, _ = run_cli(capsys, "--data-dir", str(other), "attendance", "import", str(export))
    assert "imported 0 sessions" in said and "skipped 4 already here" in said
    assert len(AttendanceLog.read_only(other)) == 4


def test_an_import_with_bad_rows_reports_each_line_and_writes_nothing(
    isolated_dirs, capsys, tmp_path
):
    good = record().to_dict()
    rows = [
        good,
        {**good, "id": record().id, "present": -1},
        {**good, "id": record().id, "name": "Robin"},
    ]
    export = tmp_path / "bad.json"
    export.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    code, _, err = run_cli(capsys, "attendance", "import", str(export))
    assert code == 2
    lines = err.strip().splitlines()
    assert lines[0].startswith(f"{export}:14: present: expected 0 to")
    assert lines[1].startswith(f"{export}:26: name: unknown field")
    assert "nothing imported: 2 problems" in lines[2]
    assert not (isolated_dirs["data"] / FILE_NAME).exists()


def test_a_bad_csv_row_names_its_line(isolated_dirs, capsys, tmp_path):
    good = record().to_dict()
    text = ",".join(FIELDS) + "\n" + ",".join(str(good[f]) for f in FIELDS) + "\n"
    text += ",".join(str({**good, "newcomers": "many"}[f]) for f in FIELDS) + "\n"
    export = tmp_path / "bad.csv"
    export.write_text(text, encoding="utf-8")
    code, _, err = run_cli(capsys, "attendance", "import", str(export))
    assert code == 2 and f"{export}:3: newcomers: expected a whole number" in err
    assert not (isolated_dirs["data"] / FILE_NAME).exists()


def test_a_damaged_log_is_reported_and_left_alone_by_the_listing(isolated_dirs, capsys):
    isolated_dirs["data"].mkdir(parents=True)
    (isolated_dirs["data"] / FILE_NAME).write_text("{oops")
    code, _, err = run_cli(capsys, "attendance")
    assert code == 2 and "not valid JSON" in err and "set it aside" in err
    assert (isolated_dirs["data"] / FILE_NAME).read_text() == "{oops"


# -- a session held without the laptop ------------------------------------------------------------
def test_add_stores_a_complete_session_under_the_circles_own_spelling(
    filled, capsys, isolated_dirs
):
    code, out, _ = run_cli(
        capsys, "attendance", "add", "--circle", "TUESDAY circle", "--date", "2026-11-17",
        "--present", "7", "--newcomers", "2", "--returning", "1",
    )  # fmt: skip
    assert code == 0
    assert out == (
        "added: Tuesday circle, 2026-11-17 at 19:02: 7 present, 2 first-timers, 1 returning "
        "(the circle's usual start; --started to give another)\n"
    )
    added = [
        r
        for r in AttendanceLog.read_only(isolated_dirs["data"]).records()
        if r.date == "2026-11-17"
    ]
    assert [r.to_dict() | {"id": "-"} for r in added] == [
        {"id": "-", "circle": "Tuesday circle", "date": "2026-11-17", "started": "19:02",
         "ended": "", "present": 7, "newcomers": 2, "status": "complete", "returning": 1,
         "schema": 2}
    ]  # fmt: skip


def test_add_without_returning_leaves_it_unknown_and_names_a_new_circle(isolated_dirs, capsys):
    code, out, _ = run_cli(
        capsys, "attendance", "add", "--circle", "Park bench", "--date", "2026-05-01",
        "--started", "10:00", "--ended", "11:30", "--present", "4", "--newcomers", "0",
    )  # fmt: skip
    assert code == 0 and out.endswith("returning not counted (a circle not seen before)\n")
    (only,) = AttendanceLog.read_only(isolated_dirs["data"]).records()
    assert only.returning is None and only.minutes() == 90 and only.status == "complete"


def test_adding_the_same_session_twice_is_refused_as_a_likely_duplicate(
    filled, capsys, isolated_dirs
):
    argv = ["attendance", "add", "--circle", "Friday drop-in", "--date", "2026-10-09",
            "--started", "18:00", "--present", "6", "--newcomers", "1"]  # fmt: skip
    before = (isolated_dirs["data"] / FILE_NAME).read_bytes()
    code, out, err = run_cli(capsys, *argv)
    assert code == 1 and out == ""
    assert err == (
        "circle-tui: not added: likely already stored as Friday drop-in, 2026-10-09 at 18:00: "
        "5 present, 5 first-timers, returning not counted (the same circle and date, a start "
        "within 15 minutes); correct that one in the review screen instead\n"
    )
    assert (isolated_dirs["data"] / FILE_NAME).read_bytes() == before
    code, _, _ = run_cli(capsys, *argv[:-6], "--started", "18:30", *argv[-4:])
    assert code == 0 and len(AttendanceLog.read_only(isolated_dirs["data"])) == 5


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"--newcomers": "8"}, "--newcomers 8: 8 newcomers is more than 6 present"),
        ({"--returning": "6"}, "--returning 6: 6 returning and 1 newcomers is more than 6 present"),
        ({"--started": "7pm"}, "--started '7pm': expected a time as HH:MM"),
        ({"--ended": "25:00"}, "--ended '25:00': expected a time as HH:MM"),
        ({"--date": "2026-02-30"}, "--date: '2026-02-30' is no day of the calendar"),
        ({"--date": "30/02/2026"}, "--date '30/02/2026': expected a day as YYYY-MM-DD"),
        ({"--date": "2026-02"}, "--date '2026-02': expected a day as YYYY-MM-DD, not a month"),
        ({"--date": "9999-01-01"}, "--date 9999-01-01 is in the future"),
        ({"--circle": "Park bench", "--started": None}, "--started: 'Park bench' has no sessions"),
        ({"--present": "six"}, "argument --present: expected a whole number, got 'six'"),
        ({"--circle": "Red\x1b[31m"}, "--circle: a control character (U+001B, escape)"),
        ({"--circle": "a\nb"}, "--circle: a control character (U+000A"),
        ({"--ended": "18:00"}, "--ended 18:00 is before --started 19:00"),
    ],
)
def test_add_refuses_bad_input_naming_the_flag_and_writes_nothing(
    filled, capsys, isolated_dirs, change, message
):
    flags = {"--circle": "Tuesday circle", "--date": "2026-11-10", "--started": "19:00",
             "--present": "6", "--newcomers": "1", **change}  # fmt: skip
    argv = [item for flag, value in flags.items() if value is not None for item in (flag, value)]
    before = (isolated_dirs["data"] / FILE_NAME).read_bytes()
    try:
        code, _, err = run_cli(capsys, "attendance", "add", *argv)
    except SystemExit as exit:  # argparse's own refusals
        code, err = exit.code, capsys.readouterr().err
    assert code == 2 and message in err
    assert (isolated_dirs["data"] / FILE_NAME).read_bytes() == before


def test_add_takes_an_end_past_midnight(isolated_dirs, capsys):
    code, _, _ = run_cli(
        capsys, "attendance", "add", "--circle", "Night circle", "--date", "2026-05-01",
        "--started", "22:00", "--ended", "01:30", "--present", "4", "--newcomers", "0",
    )  # fmt: skip
    (only,) = AttendanceLog.read_only(isolated_dirs["data"]).records()
    assert code == 0 and only.minutes() == 210


def test_a_circle_name_with_a_line_break_from_an_old_log_keeps_the_table_whole(
    isolated_dirs, capsys
):
    """`add` once let control characters into a name; a log holding one still lists cleanly."""
    old_log(isolated_dirs["data"], "a\nb\tc\x1b[31m", "Tuesday circle")
    code, out, _ = run_cli(capsys, "attendance")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 4  # heading, two sessions, totals
    assert "a\\x0ab\\x09c\\x1b[31m" in lines[1]
    assert len({line.index("complete") for line in lines[1:3]}) == 1  # columns still line up


# -- rows without an id: sessions typed into a sheet ---------------------------------------------
HAND_MADE = (
    "circle,date,started,ended,present,newcomers,returning\n"
    "tuesday CIRCLE,2026-10-06,19:02,21:00,11,4,\n"  # stored already (filled), other spelling
    "Tuesday circle,2026-11-17,19:00,21:00,8,1,2\n"
    "Park bench,2026-11-21,10:00,,4,0,\n"
    "Park bench,2026-11-21,10:00,,5,0,\n"  # the row above, typed twice
)


def test_rows_without_an_id_are_added_and_likely_duplicates_reported_not_added(
    filled, capsys, isolated_dirs, tmp_path
):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(HAND_MADE, encoding="utf-8")
    code, out, err = run_cli(capsys, "attendance", "import", str(sheet))
    assert code == 0 and err == ""
    assert out.splitlines() == [
        f"{sheet}:2: not added: likely the same session as Tuesday circle, 2026-10-06 at "
        "19:02: 11 present, 4 first-timers, returning not counted; the file has ended 21:00 "
        "(21:04 here)",
        f"{sheet}:5: not added: likely the same session as line 4 (Park bench, 2026-11-21 at "
        "10:00: 4 present, 0 first-timers, returning not counted); the file has present 5 "
        "(4 here)",
        f"imported 2 sessions from {sheet}; skipped 0 already here; 2 likely duplicates not "
        "added (--keep-both adds them)",
    ]
    log = AttendanceLog.read_only(isolated_dirs["data"])
    added = [r for r in log.records() if r.date in ("2026-11-17", "2026-11-21")]
    assert [(r.circle, r.date, r.started, r.ended, r.present, r.newcomers, r.returning,
             r.status) for r in added] == [
        ("Tuesday circle", "2026-11-17", "19:00", "21:00", 8, 1, 2, "complete"),
        ("Park bench", "2026-11-21", "10:00", "", 4, 0, None, "complete"),
    ]  # fmt: skip
    assert len({r.id for r in log.records()}) == 6  # ids made on import, each its own

    code, out, _ = run_cli(capsys, "attendance", "import", str(sheet))  # the same sheet again
    assert code == 0 and out.splitlines()[-1].endswith(
        "skipped 2 already here; 2 likely duplicates not added (--keep-both adds them)"
    )  # the two rows it added are here, as they are; the two it left out, still left out
    assert len(AttendanceLog.read_only(isolated_dirs["data"])) == 6
    code, out, _ = run_cli(capsys, "attendance", "import", str(sheet), "--keep-both")
    assert code == 0 and "skipped 2 already here" in out  # --keep-both never adds one twice
    assert len(AttendanceLog.read_only(isolated_dirs["data"])) == 8  # the two that differ


def test_a_session_of_the_same_circle_and_day_further_apart_is_added_and_said(
    filled, capsys, isolated_dirs, tmp_path
):
    """20 minutes apart is past the window for one night, so it is added; but a laptop whose
    start was off makes one night look like two, so the host is told, with what to do."""
    import uuid

    from circle_tui.storage.exchange import json_text

    export = tmp_path / "laptop-c.json"
    late = filled[1]._replace(id=str(uuid.uuid4()), circle="TUESDAY CIRCLE", started="19:22")
    export.write_text(json_text([late]), encoding="utf-8")
    code, out, _ = run_cli(capsys, "attendance", "import", str(export))
    assert code == 0 and out.splitlines() == [
        f"{export}:2: added, though the log has Tuesday circle, 2026-10-06 at 19:02: 11 "
        "present, 4 first-timers, returning not counted, 20 min apart. If both are one night, "
        "delete one in the review screen",
        f"imported 1 session from {export}; skipped 0 already here",
    ]


def test_an_export_row_with_its_id_cut_out_is_matched_by_circle_date_and_start(
    filled, capsys, isolated_dirs, tmp_path
):
    _, out, _ = run_cli(capsys, "attendance", "--format", "csv")
    lines = out.splitlines()
    first = lines[1].split(",")
    sheet = tmp_path / "edited.csv"
    sheet.write_text("\n".join([lines[0], ",".join(["", *first[1:]])]) + "\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "attendance", "import", str(sheet))
    # The same in every field but the id: already here, not a likely duplicate.
    assert code == 0 and out == f"imported 0 sessions from {sheet}; skipped 1 already here\n"
    assert len(AttendanceLog.read_only(isolated_dirs["data"])) == 4


@pytest.mark.parametrize(
    ("header", "problem"),
    [
        ("circle,date,started,present,newcomers,name", "name: unknown column; a row holds only"),
        ("circle,date,present,newcomers", "give at least circle,date,started,present,newcomers"),
    ],
)
def test_a_sheet_with_an_unknown_or_missing_column_is_refused_whole(
    filled, capsys, isolated_dirs, tmp_path, header, problem
):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(header + "\nTuesday circle,2026-12-01,19:00,8,1,Robin\n", encoding="utf-8")
    before = (isolated_dirs["data"] / FILE_NAME).read_bytes()
    code, out, err = run_cli(capsys, "attendance", "import", str(sheet))
    assert code == 2 and out == "" and err.startswith(f"{sheet}:1: ") and problem in err
    assert (isolated_dirs["data"] / FILE_NAME).read_bytes() == before


def test_a_session_corrected_on_another_laptop_is_reported_not_silently_skipped(
    filled, capsys, isolated_dirs, tmp_path
):
    run_cli(capsys, "attendance", "--format", "csv")  # clear
    code, exported, _ = run_cli(capsys, "attendance", "--format", "csv")
    theirs = exported.replace(",11,4,complete,", ",12,4,complete,")  # 2026-10-06, corrected
    (tmp_path / "laptop2.csv").write_text(theirs, encoding="utf-8")
    before = (isolated_dirs["data"] / FILE_NAME).read_bytes()
    code, out, _ = run_cli(capsys, "attendance", "import", str(tmp_path / "laptop2.csv"))
    assert code == 0
    assert out.splitlines() == [
        f"{tmp_path / 'laptop2.csv'}:3: Tuesday circle, 2026-10-06 at 19:02 differs: the file has "
        "present 12 (11 here). The one here is kept; if the file is right, correct it in the "
        "review screen",
        f"imported 0 sessions from {tmp_path / 'laptop2.csv'}; skipped 4 already here",
    ]
    assert (isolated_dirs["data"] / FILE_NAME).read_bytes() == before


def test_a_typed_row_dated_in_the_future_is_refused_as_add_refuses_it(
    filled, capsys, isolated_dirs, tmp_path
):
    sheet = tmp_path / "typed.csv"
    sheet.write_text(
        "circle,date,started,present,newcomers\n"
        "Tuesday circle,2026-10-13,19:00,8,1\n"
        "Tuesday circle,2062-10-20,19:00,8,1\n",  # 2026 typed as 2062
        encoding="utf-8",
    )
    before = (isolated_dirs["data"] / FILE_NAME).read_bytes()
    code, _, err = run_cli(capsys, "attendance", "import", str(sheet))
    assert code == 2
    assert f"{sheet}:3: date 2062-10-20 is in the future" in err and "nothing imported" in err
    assert (isolated_dirs["data"] / FILE_NAME).read_bytes() == before
    # Beside other problems, told with them, in line order: one round of fixes, not two.
    sheet.write_text(
        "circle,date,started,present,newcomers\n"
        "Tuesday circle,2026-10-13,19:00,eight,1\n"
        "Tuesday circle,2062-10-20,19:00,8,1\n"
        "Tuesday circle,2026-10-27,19:00,8,9\n",
        encoding="utf-8",
    )
    code, _, err = run_cli(capsys, "attendance", "import", str(sheet))
    assert code == 2 and [line.split(": ")[1] for line in err.splitlines()[:3]] == [
        "present",
        "date 2062-10-20 is in the future; fix the row, or add it once it has been held",
        "newcomers",
    ]
    assert "nothing imported: 3 problems in" in err


def test_an_export_from_a_laptop_whose_clock_ran_ahead_still_imports(
    isolated_dirs, capsys, tmp_path
):
    ahead = record("2062-10-20", "Tuesday circle", 8, 1)
    (tmp_path / "laptop2.json").write_text(json.dumps([ahead.to_dict()]), encoding="utf-8")
    code, out, _ = run_cli(capsys, "attendance", "import", str(tmp_path / "laptop2.json"))
    assert code == 0 and out.splitlines() == [
        f"{tmp_path / 'laptop2.json'}:1: Tuesday circle, 2062-10-20 is dated after today (that "
        "laptop's clock may be wrong); imported as the file has it",
        f"imported 1 session from {tmp_path / 'laptop2.json'}; skipped 0 already here",
    ]


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_the_same_night_logged_on_another_laptop_is_named_and_kept_both_only_when_asked(
    filled, capsys, isolated_dirs, tmp_path, fmt
):
    import uuid

    from circle_tui.storage.exchange import csv_text, json_text

    theirs = [
        filled[1]._replace(id=str(uuid.uuid4()), started="19:10"),  # 2026-10-06, 8 min later
        record("2026-11-10", "Tuesday circle", 7, 1),
    ]
    export = tmp_path / f"laptop-c.{fmt}"
    export.write_text((json_text if fmt == "json" else csv_text)(theirs), encoding="utf-8")
    code, out, _ = run_cli(capsys, "attendance", "import", str(export))
    line = 2  # the first record: its `{` line in JSON, its row in CSV
    assert code == 0 and out.splitlines() == [
        f"{export}:{line}: not added: likely the same session as Tuesday circle, 2026-10-06 "
        "at 19:02: 11 present, 4 first-timers, returning not counted; the file has started "
        "19:10 (19:02 here)",
        f"imported 1 session from {export}; skipped 0 already here; 1 likely duplicate not "
        "added (--keep-both adds it)",
    ]
    assert len(AttendanceLog.read_only(isolated_dirs["data"])) == 5
    code, out, _ = run_cli(capsys, "attendance", "import", str(export), "--keep-both")
    assert code == 0 and out.splitlines()[0].startswith(
        f"{export}:{line}: added (--keep-both): likely the same session as Tuesday circle"
    )
    assert len(AttendanceLog.read_only(isolated_dirs["data"])) == 6
