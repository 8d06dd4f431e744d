"""Planning an import (core/merge.py) without the CLI: the same night from two laptops counts
once, whatever ids each gave it; corrections, drafts and future dates as the rules say."""

from __future__ import annotations

import uuid

import pytest

from circle_tui.core.merge import SAME_START_MINUTES, Difference, plan_import
from circle_tui.core.summary import overall
from circle_tui.storage.attendance import AttendanceLog
from circle_tui.storage.exchange import apply_import, csv_text, json_text, parse_export
from tests.support.helpers import record

TODAY = "2026-11-28"


def laptop_a() -> list:
    """59 Tuesday nights of 2025-2026, 10 + (n % 5) present each."""
    from datetime import date, timedelta

    first = date(2025, 1, 7)
    return [
        record((first + timedelta(weeks=n)).isoformat(), "Tuesday circle", 10 + n % 5, 1,
               started="19:02", returning=0)
        for n in range(59)
    ]  # fmt: skip


#: 11 rounds of 10, 11, 12, 13, 14 present (60 each), then 10 to 13 (46).
A_ATTENDANCES = 11 * 60 + 46


def laptop_c(a: list) -> list:
    """Laptop C logged two of A's nights on its own (its own ids, its facilitator a few
    minutes later, one name typed in another case) and one night A never saw."""
    return [
        a[10]._replace(id=str(uuid.uuid4()), started="19:07"),
        a[20]._replace(id=str(uuid.uuid4()), started="18:55", circle="TUESDAY circle"),
        record("2026-11-21", "Saturday drop-in", 17, 3, started="11:00"),
    ]


def test_the_construction_is_what_it_says():
    a = laptop_a()
    assert len(a) == 59 and sum(r.present for r in a) == A_ATTENDANCES == 706


def test_the_same_night_from_two_laptops_with_different_ids_counts_once():
    a = laptop_a()
    c = laptop_c(a)
    plan = plan_import(a, c, today=TODAY)
    assert plan.added == [c[2]] and plan.to_write == [c[2]]
    assert [(m.incoming, m.here, m.by_id) for m in plan.likely_same] == [
        (c[0], a[10], False),
        (c[1], a[20], False),
    ]
    assert plan.likely_same[0].differences == (Difference("started", "19:07", "19:02"),)
    assert plan.likely_same[1].minutes_apart == 7
    assert not plan.corrected and not plan.finished and not plan.refused


@pytest.mark.parametrize("export", [json_text, csv_text], ids=["json", "csv"])
def test_an_export_of_laptop_c_imported_into_laptop_a_gives_60_sessions(tmp_path, export):
    a = laptop_a()
    log, _ = AttendanceLog.open(tmp_path)
    log.merge(a)
    parsed = parse_export(export(laptop_c(a)).encode(), "laptop-c")
    assert parsed.problems == []
    plan = plan_import(log.records(), parsed.records, today=TODAY)
    assert apply_import(log, plan) == 1
    total = overall(AttendanceLog.read_only(tmp_path).records())
    assert (total.sessions, total.attendances) == (60, A_ATTENDANCES + 17)


def test_keep_both_adds_the_likely_same_nights_and_says_which():
    a = laptop_a()
    c = laptop_c(a)
    plan = plan_import(a, c, today=TODAY, keep_both=True)
    assert plan.added == c and not plan.same
    assert [m.here for m in plan.kept_both] == [a[10], a[20]]


def test_a_start_further_apart_is_another_session_of_the_same_day():
    morning = record("2026-11-21", started="10:00")
    later = record("2026-11-21", started=f"10:{SAME_START_MINUTES + 1:02d}")
    plan = plan_import([morning], [later], today=TODAY)
    # Added, and said: a laptop whose start was off makes one night look like two.
    assert plan.added == [later]
    assert [(m.incoming, m.here, m.minutes_apart) for m in plan.same_day] == [
        (later, morning, SAME_START_MINUTES + 1)
    ]
    near = record("2026-11-21", started=f"10:{SAME_START_MINUTES:02d}")
    assert plan_import([morning], [near], today=TODAY).added == []
    other_circle = record("2026-11-21", circle="Friday circle", started="10:00")
    plan = plan_import([morning], [other_circle], today=TODAY)
    assert plan.added == [other_circle] and plan.same_day == []
    # Two sessions of one day in the file itself: the second is said beside the first.
    evening = record("2026-11-22", circle="TUESDAY circle", started="19:00")
    plan = plan_import([], [evening, record("2026-11-22", started="10:00")], today=TODAY)
    assert [(m.here, m.earlier_in_file) for m in plan.same_day] == [(evening, True)]


def test_the_same_session_by_id_is_already_here_and_a_correction_is_named_not_applied():
    ours = record("2026-10-06", present=11, newcomers=4)
    theirs = ours._replace(present=12, ended="21:15")
    same = plan_import([ours], [ours], today=TODAY)
    assert [m.by_id for m in same.already_here] == [True] and same.to_write == []
    corrected = plan_import([ours], [theirs], today=TODAY)
    assert corrected.to_write == [] and len(corrected.corrected) == 1
    assert corrected.corrected[0].differences == (
        Difference("ended", "21:15", "21:04"),
        Difference("present", 12, 11),
    )


def test_a_finished_record_finishes_the_draft_here_and_a_draft_never_overwrites():
    draft = record("2026-11-24", present=4, status="in_progress", ended="")
    finished = draft._replace(present=9, status="complete", ended="21:00")
    assert plan_import([draft], [finished], today=TODAY).finished == [finished]
    behind = plan_import([finished], [draft], today=TODAY)
    assert behind.to_write == [] and not behind.corrected and len(behind.already_here) == 1


def test_future_dates_refuse_a_typed_row_but_not_an_exports_session():
    typed = record("2062-10-20")
    refused = plan_import([], [typed, record("2026-10-20")], today=TODAY, typed={typed.id})
    assert refused.refused == [typed] and refused.to_write == []  # nothing, not the rest
    exported = record("2062-10-20")
    ahead = plan_import([], [exported], today=TODAY)
    assert ahead.added == [exported] and ahead.future == [exported]


def test_typed_rows_take_the_known_spelling_and_match_earlier_rows_of_the_file():
    here = record("2026-10-06", "Tuesday circle")
    first = record("2026-11-21", "park BENCH", started="10:00")
    again = record("2026-11-21", "Park bench", started="10:05", present=5)
    typed = record("2026-11-17", "tuesday CIRCLE")
    plan = plan_import(
        [here, record("2026-01-01", "Park bench")],
        [first, again, typed],
        today=TODAY,
        typed={first.id, again.id, typed.id},
    )
    assert [r.circle for r in plan.added] == ["Park bench", "Tuesday circle"]
    (match,) = plan.likely_same
    assert match.earlier_in_file and match.here.id == first.id


def test_an_export_with_two_sessions_of_one_night_restores_both_into_an_empty_log():
    """A laptop that held a separate session three minutes after the first exports both, with
    their own ids: restored into an empty log (or another laptop's), neither is lost."""
    first = record("2026-12-07", started="13:32", present=10)
    second = record("2026-12-07", started="13:35", present=8)
    plan = plan_import([], [first, second], today=TODAY)
    assert plan.added == [first, second] and plan.same == []
    # Beside another laptop's log of the first session, that one is the same night; the
    # session there stands for one of the file's at most, so the second is added.
    there = record("2026-12-07", started="13:30", present=10)
    elsewhere = plan_import([there], [first, second], today=TODAY)
    assert [m.incoming for m in elsewhere.likely_same] == [first]
    assert elsewhere.added == [second]
