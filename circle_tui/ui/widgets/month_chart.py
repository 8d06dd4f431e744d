"""Attendances per month for every circle side by side, on one scale, so growth compares by eye."""

from __future__ import annotations

from rich.text import Text
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


class MonthChart(Static):
    """The chart of `chart_lines`, drawn at the widget's own width; the chosen month in bold."""

    DEFAULT_CSS = """
    MonthChart {
        height: auto;
        padding: 1 0 0 0;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.per_circle: dict[str, dict[str, Tally]] = {}
        self.months: list[str] = []
        self.marked = ""

    def show(self, per_circle: dict[str, dict[str, Tally]], months: list[str], marked: str) -> None:
        self.per_circle, self.months, self.marked = per_circle, months, marked
        self.redraw()

    def redraw(self) -> None:
        lines = chart_lines(self.per_circle, self.months, self.content_size.width, self.marked)
        text = Text("\n".join(lines), no_wrap=True, overflow="crop")
        if lines:
            text.stylize("bold", 0, len(lines[0]))  # the circles' names
        if self.marked in self.months:
            start = sum(len(line) + 1 for line in lines[: 1 + self.months.index(self.marked)])
            text.stylize("bold", start, start + len(lines[1 + self.months.index(self.marked)]))
        self.update(text)

    def on_resize(self) -> None:
        self.redraw()
