"""Airtime balance: a bar per seat of minutes spoken this session — in memory only, unranked."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

BAR_WIDTH = 8


class AirtimeBars(Static):
    """Seats in seat order, never sorted: this is a balance to glance at, not a ranking."""

    DEFAULT_CSS = """
    AirtimeBars { height: auto; }
    """

    _last: tuple = ()

    def show(self, rows: list[tuple[str, float]]) -> None:
        key = (tuple((label, round(seconds)) for label, seconds in rows), self.size.width)
        if key == self._last:
            return
        self._last = key
        longest = max((seconds for _, seconds in rows), default=0.0) or 1.0
        label_width = max((len(label) for label, _ in rows), default=0)
        # Each entry is "label ████░░░░ 12 min", then two spaces before the next.
        cell = label_width + 1 + BAR_WIDTH + 7 + 2
        per_line = max(1, ((self.size.width or cell) + 2) // cell)
        text = Text()
        for i, (label, seconds) in enumerate(rows):
            filled = round(BAR_WIDTH * seconds / longest)
            if i:
                text.append("\n" if i % per_line == 0 else "  ")
            text.append(f"{label:<{label_width}} ")
            text.append("█" * filled + "░" * (BAR_WIDTH - filled))
            text.append(f" {seconds / 60:>2.0f} min")
        self.update(text)
