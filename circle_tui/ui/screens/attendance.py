"""The host's review: sessions, filters, totals, a month-by-month chart, corrections."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Static

from circle_tui.core.record import STATUS_WORDS, AttendanceRecord, counted
from circle_tui.core.summary import totals
from circle_tui.ui.screens.base import CircleScreen
from circle_tui.ui.screens.confirm import ConfirmScreen

RANGES = [("all time", None), ("last 12 months", 365), ("last 3 months", 92), ("last 30 days", 30)]
CHART_WIDTH = 24
#: Rows in the table; totals and the chart always cover every session that matches.
TABLE_LIMIT = 500


def month_chart(records: list[AttendanceRecord], months: int = 12) -> str:
    """One text bar per month of the average attendance, most recent last."""
    totals: dict[str, list[int]] = defaultdict(list)
    for r in records:
        totals[r.date[:7]].append(r.present)
    keys = sorted(totals)[-months:]
    if not keys:
        return ""
    averages = {k: sum(v) / len(v) for k, v in totals.items()}
    top = max(averages[k] for k in keys) or 1
    lines = []
    for k in keys:
        bar = "█" * max(1, round(CHART_WIDTH * averages[k] / top))
        lines.append(f"{k}  {bar} {averages[k]:.1f} avg · {counted(len(totals[k]), 'session')}")
    return "\n".join(lines)


class AttendanceScreen(CircleScreen):
    AUTO_FOCUS = "DataTable"
    BINDINGS = [
        Binding("c", "circle_filter", "Circle filter"),
        Binding("m", "range_filter", "Date range"),
        Binding("plus,equals_sign", "correct('present', 1)", "+1 present", key_display="+"),
        Binding("minus", "correct('present', -1)", "-1 present", key_display="-"),
        Binding("n", "correct('newcomers', 1)", "+1 first-timer", show=False),
        Binding("N", "correct('newcomers', -1)", "-1 first-timer", show=False),
        Binding("delete,d", "delete", "Delete session"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.circle_name: str | None = None
        self.range_index = 0
        self.records: list[AttendanceRecord] = []
        self.all_records: list[AttendanceRecord] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="attendance"):
            yield Static("", id="filters", classes="subtitle")
            yield Static("", id="totals")
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
            yield Static("", id="chart")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("date", "circle", "present", "new", "minutes", "status")
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        records = self.session.attendance.records()
        self.app.call_from_thread(self.show, records)

    def filtered(self, records: list[AttendanceRecord]) -> list[AttendanceRecord]:
        days = RANGES[self.range_index][1]
        since = (self.session.wall().date() - timedelta(days=days)).isoformat() if days else ""
        return [r for r in records if (self.circle_name in (None, r.circle)) and r.date >= since]

    def show(self, records: list[AttendanceRecord] | None = None) -> None:
        if records is not None:
            self.all_records = records
        self.records = self.filtered(self.all_records)
        table = self.query_one(DataTable)
        table.clear()
        shown = self.records[-TABLE_LIMIT:]
        for r in reversed(shown):
            minutes = r.minutes()
            table.add_row(
                r.date,
                r.circle,
                str(r.present),
                str(r.newcomers),
                "" if minutes is None else str(minutes),
                STATUS_WORDS[r.status],
                key=r.id,
            )
        circle = self.circle_name or "all circles"
        more = (
            f" · the latest {len(shown):,} of {len(self.records):,} sessions shown"
            if len(shown) < len(self.records)
            else ""
        )
        self.query_one("#filters", Static).update(
            f"Attendance · {circle} · {RANGES[self.range_index][0]}{more}"
        )
        self.query_one("#totals", Static).update(
            totals(self.records) if self.records else "No sessions match."
        )
        self.show_chart()

    def show_chart(self) -> None:
        """As many months as leave the table room: 12 on a tall terminal, 3 at 24 rows."""
        months = max(3, min(12, self.size.height - 21))
        self.query_one("#chart", Static).update(month_chart(self.records, months) or "")

    def on_resize(self) -> None:
        super().on_resize()
        self.show_chart()

    def selected(self) -> AttendanceRecord | None:
        table = self.query_one(DataTable)
        if not self.records or table.cursor_row < 0:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return self.session.attendance.get(key or "")

    def action_circle_filter(self) -> None:
        names = sorted({r.circle for r in self.all_records})
        options: list[str | None] = [None, *names]
        self.circle_name = options[(options.index(self.circle_name) + 1) % len(options)]
        self.show()

    def action_range_filter(self) -> None:
        self.range_index = (self.range_index + 1) % len(RANGES)
        self.show()

    def action_correct(self, field: str, delta: int) -> None:
        record = self.selected()
        if record is None:
            return
        updated = record.corrected(field, delta)
        if updated is None:
            self.notify("First-timers cannot be more than those present, nor below zero.")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.session.attendance.save(updated)
                self.load()

        self.app.push_screen(
            ConfirmScreen(
                f"Change {record.date} {record.circle}?",
                f"present {record.present} → {updated.present}, "
                f"first-timers {record.newcomers} → {updated.newcomers}",
                yes="Save",
            ),
            answered,
        )

    def action_delete(self) -> None:
        record = self.selected()
        if record is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.session.attendance.delete(record.id)
                self.load()

        self.app.push_screen(
            ConfirmScreen(
                f"Delete the session of {record.date} ({record.circle})?",
                f"{record.present} present, {record.newcomers} new. This cannot be undone.",
                yes="Delete",
            ),
            answered,
        )
