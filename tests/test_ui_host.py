"""The host's attendance review: filters, chart and corrections."""

from textual.widgets import DataTable, Static

from circle_tui.ui.screens.attendance import AttendanceScreen, month_chart
from tests.helpers import record
from tests.ui_support import make_app, press, settle


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


async def test_the_review_lists_sessions_newest_first_with_totals_and_a_month_chart(tmp_path):
    app = make_app(tmp_path)
    seed(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        table = screen.query_one(DataTable)
        assert table.row_count == 4
        assert table.get_row_at(0)[:4] == ["2026-11-24", "Tuesday circle", "9", "3"]
        assert "4 sessions · 33 attendances · 14 first-timers" in str(
            screen.query_one("#totals").render()
        )
        chart = str(screen.query_one("#chart").render())
        assert "2026-10  " in chart and "8.0 avg · 2 sessions" in chart


async def test_the_chart_leaves_the_table_room_on_a_small_terminal(tmp_path):
    app = make_app(tmp_path)
    for month in range(1, 13):
        app.session.attendance.save(record(f"2026-{month:02d}-05", present=month, newcomers=0))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        chart = str(screen.query_one("#chart").render()).splitlines()
        assert [line[:7] for line in chart] == ["2026-10", "2026-11", "2026-12"]
        assert chart[0].endswith("10.0 avg · 1 session")
        assert screen.query_one(DataTable).size.height >= 12
        await pilot.resize_terminal(100, 40)
        await settle(pilot)
        assert len(str(screen.query_one("#chart").render()).splitlines()) == 12


async def test_filters_by_circle_and_date_range(tmp_path):
    app = make_app(tmp_path)
    seed(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        await press(pilot, "c")  # first circle alphabetically: Friday drop-in
        assert screen.query_one(DataTable).row_count == 1
        await press(
            pilot, "c", "m"
        )  # Tuesday circle, last 12 months (the wall clock says 2026-11-27)
        assert screen.query_one(DataTable).row_count == 3
        await press(pilot, "m")  # last 3 months
        assert screen.query_one(DataTable).row_count == 2


async def test_correcting_and_deleting_a_session_ask_first(tmp_path):
    app = make_app(tmp_path)
    rows = seed(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot)
        await press(pilot, "plus")
        assert "present 9 → 10" in str(app.screen.query(Static)[1].render())
        await press(pilot, "escape")
        assert app.session.attendance.get(rows[3].id).present == 9
        await press(pilot, "plus", "enter")
        await settle(pilot)
        assert app.session.attendance.get(rows[3].id).present == 10
        await press(pilot, "d", "enter")
        await settle(pilot)
        assert app.session.attendance.get(rows[3].id) is None and len(app.session.attendance) == 3


def test_the_month_chart_averages_per_month():
    chart = month_chart(
        [record("2026-01-05", present=4), record("2026-01-12", present=6), record("2026-02-02")]
    )
    assert chart.splitlines()[0].endswith("5.0 avg · 2 sessions")


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
