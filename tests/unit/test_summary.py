"""`circle-tui attendance summary` and the filters that forgive, on a multi-year, multi-circle log
whose every figure is known by construction (tests/support/helpers.py), not recomputed here."""

import csv
import io
import json
import re

import pytest

from circle_tui.core.summary import (
    by_circle_and_month,
    came_back,
    circle_names,
    circles_matching,
    circles_of,
    first_day,
    last_day,
    months_between,
    overall,
    select,
    tally,
    totals,
)
from circle_tui.storage.attendance import AttendanceLog
from tests.support.helpers import CONSTRUCTED_MONTHS, constructed_log, record, run_cli


def expected_month(i: int) -> dict:
    """Month i of the constructed log: two sessions of each of three circles."""
    attendances = 2 * (8 + 12 + 5) + 3 * 2 + 6 * (i % 3)  # = 56 + 6 (i % 3)
    return {
        "month": CONSTRUCTED_MONTHS[i],
        "sessions": 6,
        "attendances": attendances,
        "average": round(attendances / 6, 2),
        "first_timers": 9,
        "returning": None if i < 12 else 3,
        "returned_share": None if i < 12 else 0.333,
        "sessions_counting_returns": 0 if i < 12 else 6,
        "first_timers_counting_returns": 0 if i < 12 else 9,
    }


def expected_circle(name: str, base: int) -> dict:
    # 36 months of (2 base + 2 + 2 (i % 3)); i % 3 runs 0, 1, 2 twelve times.
    attendances = 36 * (2 * base + 2) + 12 * 2 * (0 + 1 + 2)
    return {
        "sessions": 72,
        "attendances": attendances,
        "average": round(attendances / 72, 2),
        "first_timers": 72 * 3 // 2,
        "returning": 24,  # one a month from 2025
        "returned_share": 0.333,  # 24 of the 72 first-timers of 2025-2026
        "sessions_counting_returns": 48,
        "first_timers_counting_returns": 72,
    }


CIRCLES = {
    "Monday circle": expected_circle("Monday circle", 8),  # 720 attendances, 10.0 a session
    "Saturday morning": expected_circle("Saturday morning", 5),  # 504, 7.0
    "Wednesday circle": expected_circle("Wednesday circle", 12),  # 1,008, 14.0
}
EXPECTED = {
    "month": [expected_month(i) for i in range(36)],
    "circle": [{"circle": name, **figures} for name, figures in CIRCLES.items()],
    "weekday": [
        {"weekday": "Monday", **CIRCLES["Monday circle"]},
        {"weekday": "Wednesday", **CIRCLES["Wednesday circle"]},
        {"weekday": "Saturday", **CIRCLES["Saturday morning"]},
    ],
}
TOTAL = {"sessions": 216, "attendances": 2232, "first_timers": 324, "returning": 72}


@pytest.fixture
def constructed(isolated_dirs):
    constructed_log(isolated_dirs["data"])
    return isolated_dirs["data"]


def test_the_constructed_log_is_what_it_says():
    assert (
        expected_circle("", 8)["attendances"] == 720 and EXPECTED["month"][2]["attendances"] == 68
    )
    assert sum(c["attendances"] for c in CIRCLES.values()) == TOTAL["attendances"]
    assert sum(m["attendances"] for m in EXPECTED["month"]) == TOTAL["attendances"]


@pytest.mark.parametrize("by", ["month", "circle", "weekday"])
def test_summary_json_matches_the_construction(constructed, capsys, by):
    code, out, _ = run_cli(capsys, "attendance", "summary", "--by", by, "--format", "json")
    assert code == 0
    assert json.loads(out) == EXPECTED[by]


@pytest.mark.parametrize("by", ["month", "circle", "weekday"])
def test_summary_csv_matches_the_construction(constructed, capsys, by):
    code, out, _ = run_cli(capsys, "attendance", "summary", "--by", by, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == len(EXPECTED[by])
    for row, want in zip(rows, EXPECTED[by], strict=True):
        assert row == {k: "" if v is None else str(v) for k, v in want.items()}


def table_rows(out: str) -> dict[str, list[str]]:
    """The summary table's lines, by their group, cells split at runs of spaces (the last
    line is the sentence of who came back)."""
    lines = out.splitlines()[2:-1]
    return {cells[0]: cells[1:] for cells in (re.split(r"\s{2,}", line) for line in lines)}


def cells(want: dict) -> list[str]:
    share = want["returned_share"]
    basis = want["first_timers_counting_returns"]
    returned = "—" if share is None else f"{round(share * 100)}%"
    if share is not None and basis != want["first_timers"]:
        returned += f" of {basis}"  # the share's basis, when not the row's first-timers
    return [
        f"{want['sessions']:,}",
        f"{want['attendances']:,}",
        f"{want['attendances'] / want['sessions']:.1f}",
        f"{want['first_timers']:,}",
        "—" if want["returning"] is None else str(want["returning"]),
        returned,
    ]


@pytest.mark.parametrize("by", ["month", "circle", "weekday"])
def test_summary_table_matches_the_construction(constructed, capsys, by):
    code, out, _ = run_cli(capsys, "attendance", "summary", "--by", by)
    assert code == 0
    assert out.splitlines()[0] == f"By {by} · all circles · all dates"
    assert out.splitlines()[1].split() == [
        by,
        *["sessions", "attendances", "average", "first-timers", "returning", "returned"],
    ]
    rows = table_rows(out)
    for want in EXPECTED[by]:
        assert rows[want[by]] == cells(want), want[by]
    assert rows["all"] == ["216", "2,232", "10.3", "324", "72", "33% of 216"]
    assert list(rows) == [want[by] for want in EXPECTED[by]] + ["all"]
    assert out.splitlines()[-1] == (
        "72 of 216 first-timers came back (33%) — in the 144 sessions that counted returns."
    )


def test_months_given_as_yyyy_mm_cover_whole_calendar_months(constructed, capsys):
    _, out, _ = run_cli(
        capsys,
        "attendance",
        "summary",
        "--since",
        "2025-01",
        "--until",
        "2025-06",
        "--format",
        "json",
    )
    assert json.loads(out) == EXPECTED["month"][12:18]
    _, out, _ = run_cli(
        capsys, "attendance", "--since", "2025-02", "--until", "2025-02", "--format", "json"
    )
    assert len(json.loads(out)) == 6 and {r["date"][:7] for r in json.loads(out)} == {"2025-02"}


def test_the_circle_filter_forgives_case_and_takes_a_unique_prefix(constructed, capsys):
    for spelling in ("Wednesday circle", "wednesday CIRCLE", "wed", "  WEDNES"):
        code, out, _ = run_cli(
            capsys,
            "attendance",
            "summary",
            "--by",
            "circle",
            "--circle",
            spelling,
            "--format",
            "json",
        )
        assert code == 0 and json.loads(out) == EXPECTED["circle"][2:], spelling
    # Before or after the action, the same.
    _, out, _ = run_cli(
        capsys, "attendance", "--circle", "sat", "summary", "--format", "json", "--by", "weekday"
    )
    assert json.loads(out) == EXPECTED["weekday"][2:]
    _, out, _ = run_cli(capsys, "attendance", "--circle", "monday", "--format", "json")
    assert len(json.loads(out)) == 72


def test_an_ambiguous_or_unknown_circle_is_a_usage_error_listing_the_circles(isolated_dirs, capsys):
    log, _ = AttendanceLog.open(isolated_dirs["data"])
    for r in [record(circle="Tuesday circle"), record(circle="Thursday circle")]:
        log.save(r)
    code, _, err = run_cli(capsys, "attendance", "summary", "--circle", "t")
    assert code == 2 and "--circle 't' could be Thursday circle or Tuesday circle" in err
    code, _, err = run_cli(capsys, "attendance", "--circle", "friday")
    assert code == 2
    assert "--circle 'friday' matches no circle. 2 sessions stored, from 2026-11-24 to " in err
    assert "of 2 circles: Thursday circle, Tuesday circle." in err


def test_an_empty_result_says_how_many_sessions_exist_and_which_circles(constructed, capsys):
    code, out, _ = run_cli(capsys, "attendance", "--circle", "monday", "--since", "2027-01")
    assert code == 0
    assert out == (
        "No sessions match (Monday circle · from 2027-01-01). 216 sessions stored, from "
        "2024-01-01 to 2026-12-21, of 3 circles: Monday circle, Saturday morning, "
        "Wednesday circle.\n"
    )
    code, out, err = run_cli(
        capsys, "attendance", "summary", "--until", "2023-12", "--format", "json"
    )
    assert code == 0 and json.loads(out) == [] and "216 sessions stored" in err
    code, out, err = run_cli(
        capsys, "attendance", "summary", "--until", "2023-12", "--format", "csv"
    )
    assert out.splitlines() == [
        "month,sessions,attendances,average,first_timers,returning,returned_share,"
        "sessions_counting_returns,first_timers_counting_returns"
    ]


def test_an_empty_log_says_so(isolated_dirs, capsys):
    for argv in (["attendance"], ["attendance", "summary"], ["attendance", "--circle", "x"]):
        code, out, _ = run_cli(capsys, *argv)
        assert code == 0 and out == "No sessions recorded yet.\n"


@pytest.mark.parametrize(
    ("flag", "value", "problem"),
    [
        ("--since", "2025-13", "expected a month as YYYY-MM or a day as YYYY-MM-DD"),
        ("--until", "last week", "expected a month as YYYY-MM or a day as YYYY-MM-DD"),
        ("--since", "2025-W05-1", "expected a month"),
    ],
)
def test_bad_periods_are_named(constructed, capsys, flag, value, problem):
    code, _, err = run_cli(capsys, "attendance", "summary", flag, value)
    assert code == 2 and f"{flag} {value!r}: {problem}" in err


def test_a_day_in_the_right_form_that_the_calendar_has_not_is_said_so(constructed, capsys):
    code, _, err = run_cli(capsys, "attendance", "summary", "--until", "2025-02-30")
    assert code == 2 and "--until: '2025-02-30' is no day of the calendar" in err


def test_a_period_that_ends_before_it_starts_is_refused(constructed, capsys):
    code, _, err = run_cli(capsys, "attendance", "--since", "2025-06", "--until", "2025-01")
    assert code == 2 and "--since 2025-06 is after --until 2025-01" in err


# -- the pure parts --------------------------------------------------------------------------------
def test_months_between_includes_months_without_sessions_and_crosses_years():
    assert months_between("2025-11", "2026-02") == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert months_between("2026-03", "2026-03") == ["2026-03"]


def test_yyyy_mm_is_the_first_or_last_day_of_that_month():
    assert first_day("2024-02") == "2024-02-01" and last_day("2024-02") == "2024-02-29"
    assert last_day("2025-02") == "2025-02-28" and last_day("2025-12-24") == "2025-12-24"
    for bad in ("2025-2", "２０２５-02", "2025-02-30", "20250201", ""):
        with pytest.raises(ValueError):
            first_day(bad)


def test_circle_names_match_without_case_or_accents_and_by_prefix():
    circles = ["Círculo de los viernes", "Tuesday circle", "Thursday circle"]
    assert circles_matching("circulo", circles) == ["Círculo de los viernes"]
    assert circles_matching("TUESDAY CIRCLE", circles) == ["Tuesday circle"]
    assert circles_matching("th", circles) == ["Thursday circle"]
    assert circles_matching("t", circles) == ["Thursday circle", "Tuesday circle"]
    assert circles_matching("", circles) == [] and circles_matching("x", circles) == []


#: One circle typed three ways on two laptops, and another circle.
SPELLINGS = [
    record("2026-10-06", "Círculo de terça", present=8),
    record("2026-10-13", "CIRCULO DE TERCA", present=6),
    record("2026-11-03", "Círculo de terça", present=7),
    record("2026-11-10", "circulo de terça", present=5),
    record("2026-11-05", "Thursday circle", present=4),
]


def test_one_circle_however_its_name_was_typed_in_every_grouping_chart_and_filter():
    """Case and accents aside, as an import matches sessions: one rule, `circle_key`."""
    assert circles_of(SPELLINGS) == ["Círculo de terça", "Thursday circle"]
    by_circle = tally(SPELLINGS, "circle")
    assert [(t.group, t.sessions, t.attendances) for t in by_circle] == [
        ("Círculo de terça", 4, 26),
        ("Thursday circle", 1, 4),
    ]
    chart = by_circle_and_month(SPELLINGS)
    assert list(chart) == ["Círculo de terça", "Thursday circle"]
    assert chart["Círculo de terça"]["2026-10"].attendances == 14
    assert len(select(SPELLINGS, ["circulo de TERCA"])) == 4
    # The name hosts read: the spelling used most; on a tie, the latest.
    assert circle_names(SPELLINGS[1:4]) == {"circulo de terca": "circulo de terça"}


def test_the_log_and_the_cli_take_every_spelling_of_a_circle(isolated_dirs, capsys):
    log, _ = AttendanceLog.open(isolated_dirs["data"])
    for r in SPELLINGS:
        log.save(r)
    assert len(log.select(["CÍRCULO DE TERÇA"])) == 4
    code, out, _ = run_cli(
        capsys, "attendance", "summary", "--by", "circle", "--circle", "CIRCULO", "--format", "json"
    )
    assert code == 0
    assert [(row["circle"], row["sessions"]) for row in json.loads(out)] == [
        ("Círculo de terça", 4)
    ]
    # A month's figures name the circle as the whole log does (November alone would tie
    # "Círculo de terça" with "circulo de terça", and pick the latest).
    code, out, _ = run_cli(
        capsys, "attendance", "summary", "--by", "circle", "--since", "2026-11", "--format", "json"
    )
    assert [row["circle"] for row in json.loads(out)] == ["Círculo de terça", "Thursday circle"]
    code, _, err = run_cli(capsys, "attendance", "--circle", "friday")
    assert code == 2 and "of 2 circles: Círculo de terça, Thursday circle." in err
    # The listing, filtered or not, shows each session under its circle's one name.
    for filters in ([], ["--circle", "circ"]):
        code, out, _ = run_cli(capsys, "attendance", *filters)
        assert out.count("Círculo de terça") == 4 and "CIRCULO" not in out and "circulo" not in out


def test_returning_unknown_is_never_read_as_zero():
    old, new = record(newcomers=2, returning=None), record(newcomers=4, returning=1)
    assert overall([old]).returning is None and overall([old]).returned_share is None
    both = overall([old, new])
    assert both.returning == 1 and both.first_timers == 6
    assert both.returned_share == 1 / 4  # old's first-timers weigh on neither side
    assert tally([old, new], "weekday")[0].group == "Tuesday"  # 2026-11-24


def test_the_summary_runs_without_loading_textual_or_pillow(constructed):
    import subprocess
    import sys

    from tests.unit.test_layers import PROBE

    probe = PROBE.replace('== "textual"', 'in ("textual", "PIL")')
    assert probe != PROBE
    done = subprocess.run(
        [sys.executable, "-c", probe, "attendance", "summary", "--by", "circle"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout) == {"code": 0, "textual": []}


# -- the returning share, always with its basis ----------------------------------------------
def sessions(counted_back: list[tuple[int, int]], uncounted_first_timers: int = 0) -> list:
    """Sessions that counted returns, as (first-timers, returning), and one that did not."""
    made = [record(newcomers=new, present=new + back, returning=back) for new, back in counted_back]
    if uncounted_first_timers:
        made.append(record(newcomers=uncounted_first_timers, present=uncounted_first_timers))
    return made


@pytest.mark.parametrize(
    ("log", "words", "cell"),
    [
        (sessions([(10, 0)] * 3), "0 of 30 first-timers came back (0%)", "0%"),
        (
            sessions([(10, 4)] * 3, uncounted_first_timers=88),
            "12 of 30 first-timers came back (40%) — in the 3 sessions that counted returns",
            "40% of 30",
        ),
        (
            sessions([(5, 7), (5, 8)]),
            "15 came back for a second time, more than the 10 first-timers",
            "15 for 10",
        ),
        (
            sessions([(5, 7), (5, 8)], uncounted_first_timers=40),
            "15 came back for a second time, more than the 10 first-timers — in the 2 sessions "
            "that counted returns",
            "15 for 10",
        ),
        (sessions([(1, 1)]), "1 of 1 first-timer came back (100%)", "100%"),
        (sessions([], uncounted_first_timers=4), "returning not counted", "—"),
    ],
    ids=["zero", "under-with-basis", "over", "over-with-basis", "all", "not-counted"],
)
def test_the_returning_share_says_its_basis_and_never_reads_above_100(log, words, cell):
    t = overall(log)
    assert came_back(t) == words
    assert t.cells()[-1] == cell
    assert totals(log).endswith(" · " + words)  # the listing's and review screen's line


def test_the_summary_of_a_log_where_more_came_back_than_came_new_shows_no_share_above_100(
    isolated_dirs, capsys
):
    log, _ = AttendanceLog.open(isolated_dirs["data"])
    for r in sessions([(2, 3)]):
        log.save(r)
    _, out, _ = run_cli(capsys, "attendance", "summary")
    assert "150%" not in out and "3 for 2" in out
    assert out.splitlines()[-1] == "3 came back for a second time, more than the 2 first-timers."


# -- by year, and this year against the last -------------------------------------------------
def test_summary_by_year_matches_the_construction(constructed, capsys):
    _, out, _ = run_cli(capsys, "attendance", "summary", "--by", "year", "--format", "json")
    year = {"sessions": 72, "attendances": 744, "average": 10.33, "first_timers": 108}
    assert json.loads(out) == [
        {"year": "2024", **year, "returning": None, "returned_share": None,
         "sessions_counting_returns": 0, "first_timers_counting_returns": 0},
        {"year": "2025", **year, "returning": 36, "returned_share": 0.333,
         "sessions_counting_returns": 72, "first_timers_counting_returns": 108},
        {"year": "2026", **year, "returning": 36, "returned_share": 0.333,
         "sessions_counting_returns": 72, "first_timers_counting_returns": 108},
    ]  # fmt: skip
    _, out, _ = run_cli(capsys, "attendance", "summary", "--by", "year")
    assert table_rows(out)["2024"] == ["72", "744", "10.3", "108", "—", "—"]
    assert table_rows(out)["2025"] == ["72", "744", "10.3", "108", "36", "33%"]


def test_compare_sets_the_first_half_of_2026_against_that_of_2025(constructed, capsys):
    _, out, _ = run_cli(capsys, "attendance", "compare", "--until", "2026-06", "--format", "json")
    half = {"sessions": 36, "attendances": 372, "average": 10.33, "first_timers": 54,
            "returning": 18, "returned_share": 0.333, "sessions_counting_returns": 36,
            "first_timers_counting_returns": 54}  # fmt: skip
    assert json.loads(out) == [
        {"year": 2025, "since": "2025-01-01", "until": "2025-06-30", **half},
        {"year": 2026, "since": "2026-01-01", "until": "2026-06-30", **half},
    ]


def test_compare_says_the_change_with_known_totals(isolated_dirs, capsys):
    log, _ = AttendanceLog.open(isolated_dirs["data"])
    for day, present, new, back in (
        ("2025-02-04", 8, 2, 1), ("2025-03-04", 10, 4, 1), ("2025-09-02", 30, 5, 0),
        ("2026-02-03", 12, 4, 2), ("2026-03-03", 14, 2, 2), ("2026-03-10", 9, 1, None),
    ):  # fmt: skip
        log.save(record(day, "Tuesday circle", present, new, returning=back))
    code, out, _ = run_cli(capsys, "attendance", "compare", "--circle", "tue")
    assert code == 0
    assert out.splitlines() == [
        "2026-01-01 to 2026-03-10 against 2025-01-01 to 2025-03-10 · Tuesday circle",
        "              2025  2026      change",
        "sessions         2     3   +1 (+50%)",
        "attendances     18    35  +17 (+94%)",
        "average        9.0  11.7        +2.7",
        "first-timers     6     7   +1 (+17%)",
        "returning        2     4  +2 (+100%)",
        "2025: 2 of 6 first-timers came back (33%)",
        "2026: 4 of 6 first-timers came back (67%) — in the 2 sessions that counted returns",
    ]
    code, _, err = run_cli(
        capsys, "attendance", "compare", "--since", "2025-01", "--until", "2026-02"
    )
    assert code == 2 and "compare takes up to a year" in err


def test_a_year_without_sessions_has_no_average_and_its_change_is_not_growth(isolated_dirs, capsys):
    """A circle's first year against the one before it: no "average 0.0", no "+7.3"."""
    log, _ = AttendanceLog.open(isolated_dirs["data"])
    for day, present in (("2026-02-03", 8), ("2026-03-03", 7)):
        log.save(record(day, "Tuesday circle", present, 1))
    code, out, _ = run_cli(capsys, "attendance", "compare")
    assert code == 0
    (average,) = [line.split() for line in out.splitlines() if line.startswith("average")]
    assert average == ["average", "—", "7.5", "—"]
    assert "sessions         0     2" in out  # counts from none still say how many
