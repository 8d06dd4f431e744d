"""The keys that work now, in one line at the bottom of every screen.

What Textual's Footer shows, drawn as one line of text: the Footer rebuilds a widget per key
whenever the keys change, and its data-bound keys are never released (Textual 8.2), so on a
screen whose keys change with every turn it leaked hundreds of widgets an evening and cost a
frame per key."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from circle_tui.i18n import _

KEY_STYLE = "bold $footer-key-foreground"
DESCRIPTION_STYLE = "$footer-description-foreground"


class KeysBar(Static):
    DEFAULT_CSS = """
    KeysBar {
        dock: bottom;
        height: 1;
        width: 100%;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_updated)
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
        parts = [
            Content.assemble((f" {key} ", KEY_STYLE), (description, DESCRIPTION_STYLE))
            for key, description in self.shown()
        ]
        if self.app.ENABLE_COMMAND_PALETTE:
            parts.append(Content.assemble((" ^p ", KEY_STYLE), (_("palette"), DESCRIPTION_STYLE)))
        self.update(Content(" ").join(parts))
