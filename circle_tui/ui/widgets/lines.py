"""Cheap text updates: a screen that redraws after every key must not re-lay out for nothing."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Static


def set_text(widget: Static, text: str | Content) -> None:
    """Update only when the text changes, and re-lay out only when its height may change
    (lines added or removed, appearing or going, or long enough to wrap). A plain `str` is
    shown as it is, never parsed as markup."""
    content = text if isinstance(text, Content) else Content(text)
    key = (content.plain, tuple(content.spans))
    last = getattr(widget, "_last_text", None)
    if key == last:
        return
    before = last[0] if last else ""
    now = content.plain
    layout = (
        bool(before) != bool(now)
        or before.count("\n") != now.count("\n")
        or max(map(cell_len, (*before.splitlines(), *now.splitlines())), default=0)
        >= widget.size.width
    )
    widget.update(content, layout=layout)
    widget._last_text = key  # type: ignore[attr-defined]


def ellipsized(text: str, cells: int) -> str:
    """`text` in at most `cells` terminal cells, ending in `…` when cut: measured in cells,
    so a name in emoji, Chinese or Arabic is cut where it meets the edge, not where its count
    of characters does."""
    if cell_len(text) <= cells:
        return text
    if cells <= 0:
        return ""
    kept = ""
    for char in text:
        if cell_len(kept + char) > cells - 1:
            break
        kept += char
    return kept.rstrip() + "…"


def padded(text: str, cells: int) -> str:
    """`text` with spaces after it to fill `cells` cells (by cell width, not characters)."""
    return text + " " * max(0, cells - cell_len(text))
