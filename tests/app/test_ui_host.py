"""The host's attendance review: month and circle filters, the one-scale chart, corrections."""

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from circle_tui.core.summary import months_between
from circle_tui.ui.screens.attendance import AttendanceScreen, CountsDialog
from circle_tui.ui.widgets.month_chart import MonthChart
from tests.support.helpers import constructed_log, record
from tests.support.ui_support import make_app, press, settle


def seed(app):
    rows = [
        record("2026-06-02", "Tuesday circle", 8, 2),
        record("2026-10-06", "Tuesday circle", 11, 4),
        record("2026-10-09", "Friday drop-in", 5, 5),
        record("2026-11-24", "Tuesday circle", 9, 3),
    ]
    for r in rows:
        app.session.attendance.save(r)
    return rows


async def open_review(pilot):
    await press(pilot, "a")
    await settle(pilot)
    assert isinstance(pilot.app.screen, AttendanceScreen)
    return pilot.app.screen


async def test_the_review_shows_one_circle_under_one_name_however_it_was_typed(tmp_path):
    app = make_app(tmp_path)
    for day, spelling in [
        ("2026-10-06", "Círculo de terça"),
        ("2026-10-13", "CIRCULO DE TERCA"),
        ("2026-10-20", "Círculo de terça"),
    ]:
        app.session.attendance.save(record(day, spelling, 6, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        await settle(pilot)
        table = screen.query_one(DataTable)
        assert {str(table.get_row_at(i)[1]) for i in range(table.row_count)} == {"Círculo de terça"}
        await press(pilot, "c")  # the circle filter: one circle, all three sessions
        await settle(pilot)
        assert table.row_count == 3 and screen.circle_name == "Círculo de terça"
        # Deleting sessions changes the name used most, then leaves no session of the
        # circle: the filter follows the circle, and c moves on rather than crash.
        for left in (2, 1, 0):
            await press(pilot, "d", "enter")
            await settle(pilot)
            assert table.row_count == left
        await press(pilot, "c")
        await settle(pilot)
        assert screen.circle is None and "all circles" in str(screen.query_one("#filters").render())


async def test_the_review_lists_sessions_newest_first_with_totals_and_a_month_chart(tmp_path):
    app = make_app(tmp_path)
    seed(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        table = screen.query_one(DataTable)
        assert table.row_count == 4
        row = list(map(str, table.get_row_at(0)[:5]))  # the circle's name is a Text
        assert row == ["2026-11-24", "Tuesday circle", "9", "3", "—"]
        assert (
            "4 sessions · 33 attendances · 8.2 per session · 14 first-timers · returning not "
            in str(screen.query_one("#totals").render())
        )
        chart = screen.query_one(MonthChart).text().splitlines()
        assert chart[0].split() == ["Friday", "drop-in", "Tuesday", "circle"]
        assert [line[1:8] for line in chart[1:]] == months_between("2026-06", "2026-11")


async def test_a_circle_name_with_control_characters_is_shown_escaped_never_sent(tmp_path):
    """Only an old `attendance add` let them in; the log reads them as codes (and the
    screen escapes what it shows all the same): the terminal never gets them raw."""
    from circle_tui.storage.attendance import AttendanceLog
    from tests.support.helpers import old_log
    from tests.support.scenario import scripted_app

    old_log(tmp_path / "data", "Red\x1b[31mX\nY")
    app = scripted_app(tmp_path, opened=(AttendanceLog.open(tmp_path / "data")[0], []))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        shown = str(screen.query_one(DataTable).get_row_at(0)[1])
        chart = screen.query_one(MonthChart).text()
        await press(pilot, "c")  # the circle filter names it in the title
        title = str(screen.query_one("#filters").render())
    assert shown == "Red\\x1b[31mX\\x0aY"
    assert "\x1b" not in chart + title and "Red\\x1b" in chart and "Red\\x1b" in title


async def test_a_long_circle_name_is_cut_so_every_count_stays_on_an_80_column_screen(tmp_path):
    app = make_app(tmp_path)
    long_name = "The Thursday evening peer integration circle at the community garden"
    app.session.attendance.save(record("2026-10-06", long_name, 4, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        table = screen.query_one(DataTable)
        await pilot.pause()
        assert table.virtual_size.width <= table.scrollable_content_region.width
        drawn = str(table.get_row_at(0)[1])
    assert drawn == long_name  # the whole name is kept; only its drawing is cut


async def test_the_chart_holds_every_month_and_leaves_the_table_room_on_a_small_terminal(
    tmp_path,
):
    app = make_app(tmp_path)
    for month in (1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12):  # no session in April
        app.session.attendance.save(record(f"2025-{month:02d}-05", present=month, newcomers=0))
    app.session.attendance.save(record("2026-02-03", present=20, newcomers=0))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        chart = screen.query_one(MonthChart)
        lines = chart.text().splitlines()
        # Every month of the log, 14 of them, April empty rather than a bar of 0.
        assert [line[1:8] for line in lines[1:]] == months_between("2025-01", "2026-02")
        assert lines[4].rstrip() == " 2025-04" and lines[10].endswith("█ 10 · 10.0")
        months = chart.query_one("#chart-months")
        assert months.size.height == 3 and months.scroll_y == months.max_scroll_y > 0
        assert screen.query_one(DataTable).size.height >= 12
        await press(pilot, "tab")  # the chart's months scroll from the keyboard
        assert months.has_focus
        await press(pilot, "up")
        assert months.scroll_y == months.max_scroll_y - 1
        await pilot.resize_terminal(100, 40)
        await settle(pilot)
        assert months.size.height == 12


def bar(line: str, column: int, width: int) -> int:
    """The length of the bar in one circle's column of a chart line."""
    return line[column : column + width].count("█")


async def test_every_circle_is_charted_side_by_side_on_one_scale(tmp_path):
    app = make_app(tmp_path)
    for day, present in (("2026-10-06", 40), ("2026-11-03", 20)):
        app.session.attendance.save(record(day, "Tuesday circle", present, 0))
    for day, present in (("2026-10-09", 10), ("2026-11-06", 5), ("2026-11-13", 5)):
        app.session.attendance.save(record(day, "Friday drop-in", present, 0))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_review(pilot)
        lines = screen.query_one(MonthChart).text().splitlines()
    friday, tuesday = lines[0].index("Friday drop-in"), lines[0].index("Tuesday circle")
    width = tuesday - friday
    october, november = lines[1], lines[2]
    assert october.startswith(" 2026-10") and november.startswith(" 2026-11")
    # The largest month of any circle has the longest bar; every other is to that scale.
    longest = bar(october, tuesday, width)
    assert longest > 20
    assert bar(november, tuesday, width) == round(longest / 2)
    assert bar(october, friday, width) == round(longest / 4) == bar(november, friday, width)
    assert "10 · 10.0" in october[friday:tuesday] and "10 · 5.0" in november[friday:tuesday]
    assert "40 · 40.0" in october[tuesday:] and "20 · 20.0" in november[tuesday:]


async def test_a_calendar_month_filter_with_its_totals_and_average(tmp_path):
    app = make_app(tmp_path)
    seed(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        table, totals = screen.query_one(DataTable), screen.query_one("#totals")

        def filters() -> str:
            return str(screen.query_one("#filters").render())

        await press(pilot, "m")  # the wall clock says 2026-11-27: November, which has a session
        assert "all circles · November 2026" in filters()
        assert table.row_count == 1 and str(totals.render()).startswith("1 session · 9 attend")
        await press(pilot, "left_square_bracket")
        assert "October 2026" in filters() and table.row_count == 2
        assert str(totals.render()) == (
            "2 sessions · 16 attendances · 8.0 per session · 9 first-timers · returning not counted"
        )
        chart = screen.query_one(MonthChart).text().splitlines()
        assert chart[-2].startswith("▶2026-10") and chart[-1].startswith(" 2026-11")
        await press(pilot, "left_square_bracket")  # September: none held
        assert table.row_count == 0 and str(totals.render()) == "No sessions in September 2026."
        await press(pilot, *["right_square_bracket"] * 5)  # never past this month
        assert "November 2026" in filters()
        await press(pilot, "c", "m")  # Friday drop-in, every month
        assert table.row_count == 1 and "Friday drop-in · all months" in filters()


async def test_a_sessions_counts_are_corrected_in_one_dialog_with_one_confirmation(tmp_path):
    app = make_app(tmp_path)
    rows = seed(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot)
        await press(pilot, "e")
        dialog = app.screen
        assert isinstance(dialog, CountsDialog)
        await press(pilot, *"12", "tab", "4", "tab", "2")
        assert str(dialog.query_one("#counts-change").render()) == (
            "present 9 → 12 · first-timers 3 → 4 · returning — → 2"
        )
        await press(pilot, "enter")
        await settle(pilot)
        assert not isinstance(app.screen, CountsDialog)
        saved = app.session.attendance.get(rows[3].id)
        assert (saved.present, saved.newcomers, saved.returning) == (12, 4, 2)
        assert saved._replace(present=9, newcomers=3, returning=None) == rows[3]
        assert app.screen.query_one(DataTable).get_row_at(0)[2:5] == ["12", "4", "2"]


async def test_the_dialog_refuses_counts_that_do_not_add_up_and_escape_changes_nothing(tmp_path):
    app = make_app(tmp_path)
    rows = seed(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot)
        await press(pilot, "e", "2", "tab", "2", "tab", "1", "enter")
        dialog = app.screen
        assert isinstance(dialog, CountsDialog)  # still open: 2 + 1 is more than 2
        error = dialog.query_one("#counts-error")
        assert "cannot be more than those present" in str(error.render())
        await press(pilot, "tab", "backspace", "backspace")  # present emptied
        assert "need a number" in str(error.render())
        await press(pilot, "escape")
        await settle(pilot)
        assert app.session.attendance.get(rows[3].id) == rows[3]


async def test_enter_on_a_session_opens_the_same_dialog_and_delete_asks_first(tmp_path):
    app = make_app(tmp_path)
    rows = seed(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, CountsDialog)
        await press(pilot, "escape", "d")
        assert "Delete the session of 2026-11-24" in str(app.screen.query(Static)[0].render())
        await press(pilot, "escape")
        assert app.session.attendance.get(rows[3].id) == rows[3]
        await press(pilot, "d", "enter")
        await settle(pilot)
        assert app.session.attendance.get(rows[3].id) is None and len(app.session.attendance) == 3


async def test_a_session_still_in_progress_is_never_corrected_or_deleted_here(tmp_path):
    app = make_app(tmp_path)
    running = record("2026-11-27", present=4, newcomers=1, status="in_progress", ended="")
    app.session.attendance.save(running)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(pilot, "escape")  # the draft prompt at start: decide later
        await open_review(pilot)
        for key in ("e", "enter", "d", "delete"):
            await press(pilot, key)
            assert isinstance(app.screen, AttendanceScreen), key
        await settle(pilot)
        assert app.session.attendance.get(running.id) == running
        assert any("still in progress" in n.message for n in app._notifications)


async def test_a_long_log_shows_the_latest_sessions_and_totals_for_all(tmp_path):
    from circle_tui.ui.screens.attendance import TABLE_LIMIT

    app = make_app(tmp_path)
    app.session.attendance.merge(
        [
            record(f"{2000 + i // 300:04d}-{1 + i % 12:02d}-{1 + i % 28:02d}", present=5)
            for i in range(TABLE_LIMIT + 40)
        ]
    )
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        assert screen.query_one(DataTable).row_count == TABLE_LIMIT
        assert f"the latest {TABLE_LIMIT} of {TABLE_LIMIT + 40} sessions shown" in str(
            screen.query_one("#filters").render()
        )
        assert f"{TABLE_LIMIT + 40} sessions" in str(screen.query_one("#totals").render())


# -- snapshots, reviewed by eye ------------------------------------------------------------------
def review_app(root: Path):
    """The review screens show no path: each test on its own folder."""
    constructed_log(root / "data")  # three circles, 2024-2026, 2024 from schema 1
    return make_app(root)


REVIEW_SCENES = {
    "all-months": (),
    "one-month": ("m", "left_square_bracket"),
    "correcting": ("m", "down", "e", "1", "1", "tab", "3"),
}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scene", list(REVIEW_SCENES))
def test_review_screen(snap_compare, scene, size, tmp_path):
    async def run_before(pilot):
        await open_review(pilot)
        await press(pilot, *REVIEW_SCENES[scene])
        await settle(pilot)

    assert snap_compare(review_app(tmp_path / "circle"), terminal_size=size, run_before=run_before)
