"""Cheap text updates: a screen that redraws after every key must not re-lay out for nothing."""

from __future__ import annotations

from textual.widgets import Static


def set_text(widget: Static, text: str) -> None:
    """Update only when the text changes, and re-lay out only when its height may change
    (lines added or removed, appearing or going, or long enough to wrap)."""
    last = getattr(widget, "_last_text", None)
    if text == last:
        return
    last = last or ""
    layout = (
        bool(last) != bool(text)
        or last.count("\n") != text.count("\n")
        or max(len(last), len(text)) >= widget.size.width
    )
    widget.update(text, layout=layout)
    widget._last_text = text  # type: ignore[attr-defined]
