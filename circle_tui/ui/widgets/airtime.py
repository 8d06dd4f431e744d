"""Airtime balance: a bar per seat of minutes spoken this session — in memory only, unranked."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from circle_tui.ui.widgets.lines import ellipsized, padded

BAR_WIDTH = 8
#: After the label: a space, the bar, " 12 min".
_AFTER_LABEL = 1 + BAR_WIDTH + 7
#: Between two entries on one line.
_BETWEEN = 2


class AirtimeBars(Static):
    """Seats in seat order, never sorted: this is a balance to glance at, not a ranking.

    Laid out by cell width, so names in emoji, Chinese or Arabic line their bars up with
    everyone else's; a name too long for the panel ends in `…` rather than wrapping its row."""

    DEFAULT_CSS = """
    AirtimeBars { height: auto; text-wrap: nowrap; }
    """

    _last: tuple = ()

    def show(self, rows: list[tuple[str, float]]) -> None:
        key = (tuple((label, round(seconds)) for label, seconds in rows), self.size.width)
        if key == self._last:
            return
        self._last = key
        self.update(airtime_text(rows, self.size.width))

    def on_resize(self) -> None:
        if self._last:
            rows = [(label, float(seconds)) for label, seconds in self._last[0]]
            self._last = ()
            self.show(rows)


def airtime_text(rows: list[tuple[str, float]], width: int) -> Text:
    """The bars as text `width` cells wide (0: unknown): as many entries a line as fit, the
    labels one column as wide as the longest that fits."""
    longest = max((seconds for _, seconds in rows), default=0.0) or 1.0
    label_width = max((cell_len(label) for label, _ in rows), default=0)
    if width:
        label_width = max(1, min(label_width, width - _AFTER_LABEL))
    entry = label_width + _AFTER_LABEL
    per_line = max(1, ((width or entry) + _BETWEEN) // (entry + _BETWEEN))
    text = Text()
    for i, (label, seconds) in enumerate(rows):
        filled = round(BAR_WIDTH * seconds / longest)
        if i:
            text.append("\n" if i % per_line == 0 else " " * _BETWEEN)
        text.append(padded(ellipsized(label, label_width), label_width) + " ")
        text.append("█" * filled + "░" * (BAR_WIDTH - filled))
        text.append(f" {seconds / 60:>2.0f} min")
    return text
