"""The host's review: sessions by calendar month and circle, totals, every circle's months side by
side on one scale, and a session's counts corrected in one dialog."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Input, Label, Static

from circle_tui.core.record import AttendanceRecord, RecordError, status_word
from circle_tui.core.summary import (
    NOT_COUNTED,
    alphabetical,
    by_circle_and_month,
    circle_key,
    circle_names,
    first_day,
    last_day,
    months_between,
    select,
    totals,
)
from circle_tui.core.text import escape_controls
from circle_tui.i18n import N_, _, month_year, number
from circle_tui.ui.screens.base import CircleScreen
from circle_tui.ui.screens.confirm import ConfirmScreen
from circle_tui.ui.screens.dialog import Dialog, dialog_keys
from circle_tui.ui.widgets.keys_bar import KeysBar
from circle_tui.ui.widgets.month_chart import MonthChart
from circle_tui.ui.widgets.text_field import TextField
from circle_tui.ui.widgets.title_bar import TitleBar

#: Rows in the table; totals and the chart always cover every session that matches.
TABLE_LIMIT = 500
#: The circle column's most characters: a longer name ends in … there.
CIRCLE_COLUMN = 24
STILL_RUNNING = N_(
    "This session is still in progress: its counts are confirmed at the end of the circle "
    "(or, after a crash, when circle-tui next starts)."
)


def month_name(month: str) -> str:
    """`2026-11` as hosts say it: `November 2026`, `noviembre de 2026`."""
    from datetime import date

    return month_year(date(int(month[:4]), int(month[5:]), 1))


def next_month(month: str, step: int) -> str:
    year, number = divmod(int(month[:4]) * 12 + int(month[5:]) - 1 + step, 12)
    return f"{year:04d}-{number + 1:02d}"


class AttendanceScreen(CircleScreen):
    AUTO_FOCUS = "DataTable"
    BINDINGS = [
        Binding("m", "month_filter", N_("Month")),
        Binding("left_square_bracket", "step_month(-1)", N_("Prev/next"), key_display="[ ]"),
        Binding("right_square_bracket", "step_month(1)", N_("Later month"), show=False),
        Binding("c", "circle_filter", N_("Circle")),
        Binding("e", "correct", N_("Correct")),
        Binding("d,delete", "delete", N_("Delete"), key_display="d"),
        Binding("escape", "app.pop_screen", N_("Back")),
    ]

    def __init__(self) -> None:
        super().__init__()
        #: The circle shown, by `circle_key`; None: every circle.
        self.circle: str | None = None
        #: Each circle's name by its key (`circle_names` over every session).
        self.names: dict[str, str] = {}
        self.month = ""  # "" is every month
        self.records: list[AttendanceRecord] = []
        self.all_records: list[AttendanceRecord] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="attendance"):
            yield Static("", id="filters", classes="subtitle", markup=False)
            yield Static("", id="totals", markup=False)
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
            yield MonthChart(id="chart")
        yield KeysBar()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        records = self.session.attendance.records()
        self.app.call_from_thread(self.show, records)

    def this_month(self) -> str:
        return self.session.wall().date().isoformat()[:7]

    @property
    def circle_name(self) -> str | None:
        """The circle shown, by its name; None: every circle."""
        return None if self.circle is None else self.names.get(self.circle, self.circle)

    def in_circle(self) -> list[AttendanceRecord]:
        return select(self.all_records, None if self.circle is None else [self.circle])

    def show(self, records: list[AttendanceRecord] | None = None) -> None:
        if records is not None:
            self.all_records = records
            self.names = circle_names(records)
        in_circle = self.in_circle()
        if self.month:
            self.records = select(in_circle, None, first_day(self.month), last_day(self.month))
        else:
            self.records = in_circle
        self.show_table()
        shown = min(len(self.records), TABLE_LIMIT)
        more = (
            " · "
            + _("the latest {shown} of {total} sessions shown").format(
                shown=number(shown), total=number(len(self.records))
            )
            if shown < len(self.records)
            else ""
        )
        circle = escape_controls(self.circle_name or _("all circles"))
        period = month_name(self.month) if self.month else _("all months")
        self.query_one("#filters", Static).update(
            _("Attendance · {circle} · {period}").format(circle=circle, period=period) + more
        )
        nothing = (
            _("No sessions in {period}.").format(period=period)
            if self.month
            else _("No sessions match.")
        )
        self.query_one("#totals", Static).update(totals(self.records) if self.records else nothing)
        self.show_chart()

    def show_table(self) -> None:
        table = self.query_one(DataTable)
        shown = self.records[-TABLE_LIMIT:]
        circle = _("circle")
        # Each circle under its one name (`circle_names`), however a session spelled it.
        names = {
            r.circle: escape_controls(self.names.get(circle_key(r.circle), r.circle)) for r in shown
        }
        # A long circle name is cut (…), so the counts beside it stay on an 80-column screen.
        width = min(CIRCLE_COLUMN, max(map(len, names.values()), default=0))
        table.clear(columns=True)
        table.add_column(_("date"))
        table.add_column(circle, width=max(width, len(circle)))
        # "min", not "minutes": beside "returning", the table then fits 80 columns unscrolled.
        table.add_columns(_("present"), _("new"), _("returning"), _("min"), _("status"))
        for r in reversed(shown):
            minutes = r.minutes()
            table.add_row(
                r.date,
                # A Text: a str cell would be parsed as markup.
                Text(names[r.circle], no_wrap=True, overflow="ellipsis"),
                str(r.present),
                str(r.newcomers),
                NOT_COUNTED if r.returning is None else str(r.returning),
                "" if minutes is None else str(minutes),
                status_word(r.status),
                key=r.id,
            )

    def show_chart(self) -> None:
        """Every month from the first session to the last (or the chosen month, if later),
        as many in view as leave the table room — 12 on a tall terminal, 3 at 24 rows; the
        rest scroll."""
        in_circle = self.in_circle()
        chart = self.query_one(MonthChart)
        if not in_circle:
            chart.show({}, [], "")
            return
        last = max(self.month, in_circle[-1].date[:7])
        first = min(in_circle[0].date[:7], last)
        rows = max(3, min(12, self.size.height - 22))
        chart.show(
            by_circle_and_month(in_circle, self.names),
            months_between(first, last),
            self.month,
            rows,
        )

    def on_resize(self) -> None:
        super().on_resize()
        self.show_chart()

    def selected(self) -> AttendanceRecord | None:
        table = self.query_one(DataTable)
        if not self.records or table.cursor_row < 0:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return self.session.attendance.get(key or "")

    # -- filters ---------------------------------------------------------------------------------
    def action_circle_filter(self) -> None:
        """Every circle, then each in turn by name. A circle whose last session was just
        deleted is gone from the turn: the next one is the first."""
        by_name = sorted(self.names, key=lambda key: alphabetical(self.names[key]))
        options: list[str | None] = [None, *by_name]
        at = options.index(self.circle) if self.circle in options else 0
        self.circle = options[(at + 1) % len(options)]
        self.show()

    def action_month_filter(self) -> None:
        """Every month, or one: the latest with sessions up to this one (last month's
        figures are what a host asks for early in a month)."""
        if self.month:
            self.month = ""
        else:
            now = self.this_month()
            held = [r.date[:7] for r in self.in_circle() if r.date[:7] <= now]
            self.month = held[-1] if held else now
        self.show()

    def action_step_month(self, step: int) -> None:
        if not self.month:
            self.action_month_filter()
            return
        dates = [r.date[:7] for r in self.all_records] or [self.this_month()]
        earliest, latest = min(dates), max(max(dates), self.this_month())
        self.month = min(max(next_month(self.month, step), earliest), latest)
        self.show()

    # -- changes ---------------------------------------------------------------------------------
    def changeable(self) -> AttendanceRecord | None:
        """The selected session, unless it is still running: the circle owns its counts."""
        record = self.selected()
        if record is not None and record.status == "in_progress":
            self.notify(_(STILL_RUNNING), severity="warning")
            return None
        return record

    def on_data_table_row_selected(self) -> None:
        """Enter on a session corrects it, as `e` does."""
        self.action_correct()

    def action_correct(self) -> None:
        record = self.changeable()
        if record is None:
            return

        def corrected(updated: AttendanceRecord | None) -> None:
            if updated is not None and updated != record:
                self.write(
                    updated,
                    _("Saved: {date} {circle}.").format(
                        date=updated.date, circle=escape_controls(updated.circle)
                    ),
                )

        self.app.push_screen(CountsDialog(record), corrected)

    def action_delete(self) -> None:
        record = self.changeable()
        if record is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.write(
                    None,
                    _("Deleted: {date} {circle}.").format(
                        date=record.date, circle=escape_controls(record.circle)
                    ),
                    record.id,
                )

        self.app.push_screen(
            ConfirmScreen(
                _("Delete the session of {date} ({circle})?").format(
                    date=record.date, circle=escape_controls(record.circle)
                ),
                _("{present} present, {newcomers} new. This cannot be undone.").format(
                    present=record.present, newcomers=record.newcomers
                ),
                yes=_("Delete"),
            ),
            answered,
        )

    @work(thread=True, exclusive=True, group="attendance-write")
    def write(self, record: AttendanceRecord | None, said: str, deleted: str = "") -> None:
        """Save or delete off the UI thread, then show the log as it now is; a disk that
        refuses the change leaves the log as it was, and says so."""
        log = self.session.attendance
        severity = "information"
        try:
            if record is not None:
                log.save(record)
            else:
                log.delete(deleted)
        except OSError as err:
            said = _("Not changed ({why}): the data folder cannot be written now.").format(
                why=err.strerror
            )
            severity = "error"
        self.app.call_from_thread(self.notify, said, severity=severity)
        self.app.call_from_thread(self.show, log.records())


COUNTS = (
    ("present", N_("present")),
    ("newcomers", N_("first-timers")),
    ("returning", N_("returning")),
)
HINTS = {
    "present": N_("everyone who came"),
    "newcomers": N_("here for the first time"),
    "returning": N_("the second time; empty: not counted"),
}


class CountsDialog(Dialog[AttendanceRecord | None]):
    """A session's counts, typed in; enter saves them all at once, escape leaves them."""

    DEFAULT_CSS = """
    CountsDialog .count {
        width: 100%;
        height: auto;
    }
    CountsDialog .count Label {
        width: 14;
        padding: 1 1 0 0;
    }
    CountsDialog .count Input {
        width: 12;
    }
    CountsDialog .count .count-hint {
        width: 1fr;
        padding: 1 0 0 1;
        color: $text-muted;
    }
    CountsDialog #counts-change {
        padding: 1 0 0 0;
    }
    CountsDialog #counts-error {
        color: $error;
    }
    """
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]
    AUTO_FOCUS = "#count-present"

    def __init__(self, record: AttendanceRecord) -> None:
        super().__init__()
        self.record = record
        self.updated: AttendanceRecord | None = record

    def compose(self) -> ComposeResult:
        r = self.record
        with Vertical(classes="dialog"):
            yield Static(
                _("Correct the counts of {date}, {circle}").format(
                    date=r.date, circle=escape_controls(r.circle)
                ),
                classes="dialog-title",
                markup=False,
            )
            for field, label in COUNTS:
                value = getattr(r, field)
                with Horizontal(classes="count"):
                    yield Label(_(label))
                    yield TextField(
                        "" if value is None else str(value),
                        restrict="[0-9]*",
                        max_length=5,
                        id=f"count-{field}",
                    )
                    yield Static(_(HINTS[field]), classes="count-hint")
            yield Static("", id="counts-change", markup=False)
            yield Static("", id="counts-error", markup=False)
            yield dialog_keys(
                ("enter", _("save")), ("tab", _("next count")), ("escape", _("cancel"))
            )

    def on_mount(self) -> None:
        self.check()

    def typed(self) -> dict[str, int | None]:
        values: dict[str, int | None] = {}
        for field, _label in COUNTS:
            text = self.query_one(f"#count-{field}", Input).value.strip()
            values[field] = int(text) if text else None
        return values

    def check(self) -> None:
        """Work out the corrected record as the numbers are typed, and say what would change
        or what is wrong."""
        values: dict[str, Any] = self.typed()  # the record checks them, field by field
        error = ""
        if values["present"] is None or values["newcomers"] is None:
            error = _("Present and first-timers need a number (0 if nobody).")
            self.updated = None
        else:
            try:
                self.updated = self.record._replace(**values)
            except RecordError as err:
                self.updated = None
                error = _in_words(err)
        changes = [
            f"{_(label)} {_shown(getattr(self.record, field))} → {_shown(values[field])}"
            for field, label in COUNTS
            if getattr(self.record, field) != values[field]
        ]
        self.query_one("#counts-change", Static).update(
            " · ".join(changes) if changes else _("No change yet.")
        )
        self.query_one("#counts-error", Static).update(error)

    def on_input_changed(self) -> None:
        self.check()

    def on_input_submitted(self) -> None:
        self.check()
        if self.updated is not None:
            self.dismiss(self.updated)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _shown(value: int | None) -> str:
    return NOT_COUNTED if value is None else str(value)


def _in_words(err: RecordError) -> str:
    if err.over_present:
        return _("First-timers and returning together cannot be more than those present.")
    return f"{_(dict(COUNTS).get(err.field, err.field))}: {err.problem}"
