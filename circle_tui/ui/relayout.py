"""Textual 8.2 workaround: every request to lay a widget out again is counted.

`Widget.refresh(layout=True)` counts a request (`_layout_updates`, part of the key of the
widget's cached size) only when none is waiting to be passed on. If the screen lays out in
between — for another widget — the size is cached under the waiting request's count; a second
request then changes nothing, and the widget keeps its old size: the review's totals, filled in
by a worker just after the screen appeared, drew two lines of text in one row on a loaded
laptop. Counting every request makes the cached size stale, as it is. Upstream: none found."""

from __future__ import annotations

import functools

from textual.widget import Widget

_textual_refresh = Widget.refresh


@functools.wraps(_textual_refresh)
def _refresh(self: Widget, *regions, layout: bool = False, **kwargs):  # type: ignore[no-untyped-def]
    if layout and self._layout_required:
        self._layout_updates += 1  # the size cached since the last request is stale too
    return _textual_refresh(self, *regions, layout=layout, **kwargs)


def install() -> None:
    """Count every layout request (idempotent); both apps install it before they start."""
    Widget.refresh = _refresh  # type: ignore[method-assign]


def uninstall() -> None:
    """Textual's own `refresh`: for the test that tells when upstream has fixed it."""
    Widget.refresh = _textual_refresh  # type: ignore[method-assign]
