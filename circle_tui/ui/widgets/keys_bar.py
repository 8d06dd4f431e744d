"""The keys that work now, in one line at the bottom of every screen; and keys with what
they do, wrapped only between keys, for hints and dialogs.

The bar draws what Textual's Footer shows as one line of text: the Footer rebuilds a widget
per key whenever the keys change, and its data-bound keys are never released (Textual 8.2,
textual#6666), so on a screen whose keys change with every turn it leaked hundreds of
widgets an evening and cost a frame per key."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Static

from circle_tui.i18n import _

KEY_STYLE = "bold $footer-key-foreground"
DESCRIPTION_STYLE = "$footer-description-foreground"


class KeysBar(Static):
    """As many keys as fit, whole: a key is never shown without its label, nor a label cut
    short (every key is in the help, `?`)."""

    DEFAULT_CSS = """
    KeysBar {
        dock: bottom;
        height: 1;
        width: 100%;
        background: $footer-background;
        text-wrap: nowrap;
    }
    """

    _drawn: tuple | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_updated)
        self.show_keys()

    def on_resize(self) -> None:
        self.show_keys()

    def _bindings_updated(self, screen: object) -> None:
        self.show_keys()

    def shown(self) -> list[tuple[str, str]]:
        """(key, description) for each key shown: enabled, meant for the footer, one per action."""
        from circle_tui.ui.keys import bindings_of

        app = self.app
        seen: set[str] = set()
        keys = []
        # The screen's own keys first, then those every screen of a circle has (the care pause).
        own = {b.id: i for i, b in reversed(list(enumerate(bindings_of(self.screen))))}
        actives = sorted(
            self.screen.active_bindings.values(), key=lambda a: own.get(a.binding.id, len(own))
        )
        for active in actives:
            binding = active.binding
            if not binding.show or not active.enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            keys.append((app.get_key_display(binding), _(binding.description)))
        return keys

    def show_keys(self) -> None:
        keys = self.shown()
        if self.app.ENABLE_COMMAND_PALETTE:
            keys.append(("^p", _("palette")))
        width = self.size.width
        drawn = (tuple(keys), width)
        if drawn == self._drawn:
            return
        self._drawn = drawn
        parts: list[Content] = []
        used = 0
        for key, description in keys:
            part = Content.assemble((f" {key} ", KEY_STYLE), (description, DESCRIPTION_STYLE))
            needed = cell_len(part.plain) + (1 if parts else 0)
            if width and used + needed > width:
                break  # the rest are in the help: no key without its label, no cut word
            parts.append(part)
            used += needed
        self.update(Content(" ").join(parts))


def key_lines(
    groups: Sequence[Sequence[tuple[str, str]]], width: int, separator: str = " · "
) -> Content:
    """Keys with what they do, each group from a new line, packed into lines of `width`
    cells (0: unlimited) that break only between two keys. A key is drawn as the footer
    draws it (bold, its colour): in a sentence "o" or "a" could be read as a word — in
    Portuguese, an article ("o modo de ordem")."""
    lines: list[Content] = []
    for group in groups:
        line: Content | None = None
        for key, what in group:
            item = Content.assemble((key, KEY_STYLE), " ", what)
            if line is None:
                line = item
            elif width and cell_len(line.plain + separator + item.plain) > width:
                lines.append(line)
                line = item
            else:
                line = Content.assemble(line, separator, item)
        if line is not None:
            lines.append(line)
    return Content("\n").join(lines)


class KeyHints(Static):
    """Keys with what they do (`enter start the round · o order mode`), in groups of lines,
    wrapped only between keys to the widget's width: a key never ends a line without its
    label, wherever the language makes the labels long."""

    DEFAULT_CSS = """
    KeyHints { height: auto; }
    """

    def __init__(
        self,
        *groups: Sequence[tuple[str, str]],
        separator: str = " · ",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__("", id=id, classes=classes)
        self.groups: tuple[Sequence[tuple[str, str]], ...] = groups
        self.separator = separator
        self._drawn: tuple | None = None

    def show(self, *groups: Sequence[tuple[str, str]]) -> None:
        self.groups = groups
        self._draw()

    def on_mount(self) -> None:
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        width = self.content_size.width
        drawn = (tuple(tuple(g) for g in self.groups), width)
        if drawn != self._drawn:
            self._drawn = drawn
            self.update(key_lines(self.groups, width, self.separator))
