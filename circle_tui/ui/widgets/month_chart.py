"""Attendances per month for every circle side by side, on one scale, so growth compares by eye."""

from __future__ import annotations

from rich.text import Text
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from circle_tui.core.summary import Tally
from circle_tui.core.text import escape_controls
from circle_tui.i18n import ngettext, number

#: "▶2026-11  ": the mark of the chosen month, the month, a gap.
MONTH_COLUMN = 10
#: The shortest bar worth drawing beside its figures; fewer circles are shown rather than less.
MIN_BAR = 4


def chart_lines(
    per_circle: dict[str, dict[str, Tally]], months: list[str], width: int, marked: str = ""
) -> list[str]:
    """A header of circle names, then a line per month: for each circle a bar of its total
    attendances (one scale for every circle and month) and `total · average`.

    Circles that do not fit in `width` are left out, and a last line says how many."""
    if not per_circle or not months:
        return []
    cells = {
        (circle, month): tally
        for circle, tallies in per_circle.items()
        for month, tally in tallies.items()
        if month in months
    }
    labels = {key: f"{number(t.attendances)} · {number(t.average, 1)}" for key, t in cells.items()}
    label_width = max(map(len, labels.values()), default=0)
    room = max(1, width - MONTH_COLUMN)
    shown = list(per_circle)[: max(1, room // (label_width + 3 + MIN_BAR))]
    column = room // len(shown)
    bar_room = max(1, column - label_width - 3)
    top = max((cells[c, m].attendances for c, m in cells if c in shown), default=0) or 1
    names = "".join(escape_controls(name)[: column - 2].ljust(column) for name in shown)
    lines = [(" " * MONTH_COLUMN + names).rstrip()]
    for month in months:
        row = f"{'▶' if month == marked else ' '}{month:<{MONTH_COLUMN - 1}}"
        for circle in shown:
            tally = cells.get((circle, month))
            cell = ""
            if tally is not None:
                bar = "█" * max(1, round(bar_room * tally.attendances / top))
                cell = f"{bar} {labels[circle, month]}"
            row += cell.ljust(column)
        lines.append(row.rstrip())
    hidden = len(per_circle) - len(shown)
    if hidden:
        lines.append(
            ngettext(
                "+{n} more circle: c picks one", "+{n} more circles: c picks one", hidden
            ).format(n=hidden)
        )
    return lines


class MonthChart(Vertical):
    """The chart of `chart_lines`, drawn at the widget's own width: the circles' names, then
    every month of the range in a scrolling area (tab reaches it, up/down scroll it) as tall
    as the screen leaves, kept on the chosen month (in bold) or the latest."""

    DEFAULT_CSS = """
    MonthChart {
        height: auto;
        padding: 1 0 0 0;
    }
    MonthChart > #chart-names {
        height: auto;
        text-style: bold;
    }
    MonthChart > VerticalScroll {
        height: auto;
        max-height: 12;
    }
    MonthChart > VerticalScroll:focus {
        background-tint: $foreground 5%;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.per_circle: dict[str, dict[str, Tally]] = {}
        self.months: list[str] = []
        self.marked = ""
        self.lines: list[str] = []

    def compose(self):
        yield Static("", id="chart-names", markup=False)
        with VerticalScroll(id="chart-months"):
            yield Static("", id="chart-body", markup=False)

    def show(
        self,
        per_circle: dict[str, dict[str, Tally]],
        months: list[str],
        marked: str,
        rows: int = 12,
    ) -> None:
        """Chart `months` (all of them); `rows` of them are seen at once, the rest scroll."""
        self.per_circle, self.months, self.marked = per_circle, months, marked
        self.query_one(VerticalScroll).styles.max_height = max(1, rows)
        self.redraw()

    def redraw(self) -> None:
        width = self.content_size.width or self.size.width
        self.lines = chart_lines(self.per_circle, self.months, width, self.marked)
        names = self.query_one("#chart-names", Static)
        names.display = bool(self.lines)
        names.update(Text(self.lines[0] if self.lines else "", no_wrap=True, overflow="crop"))
        body = Text("\n".join(self.lines[1:]), no_wrap=True, overflow="crop")
        if self.marked in self.months:
            row = self.months.index(self.marked)
            start = sum(len(line) + 1 for line in self.lines[1 : 1 + row])
            body.stylize("bold", start, start + len(self.lines[1 + row]))
        self.query_one("#chart-body", Static).update(body)
        self.call_after_refresh(self._keep_in_view)

    def _keep_in_view(self) -> None:
        """The chosen month in view, else the latest: what a host looks at first."""
        scroll = self.query_one(VerticalScroll)
        if self.marked in self.months:
            row = self.months.index(self.marked)
            scroll.scroll_to(y=max(0, row - scroll.size.height // 2), animate=False)
        else:
            scroll.scroll_end(animate=False)

    def text(self) -> str:
        """The whole chart as drawn, every month included (what tests read)."""
        return "\n".join(self.lines)

    def on_resize(self) -> None:
        self.redraw()
