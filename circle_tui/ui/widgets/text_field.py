"""A text field whose editing keys act in the order they were typed, and which says where
its length limit is instead of stopping without a word."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Input

from circle_tui.i18n import _


class TextField(Input):
    """Textual's `Input`, with its own key bindings run as the key arrives.

    Input inserts a typed character at once, but a bound key (backspace, the arrows, ctrl+w, …)
    first bubbles up through every container to the app, which then runs the binding. Typed
    quickly, "Jo", backspace, "ua" became "Jou": the characters after the backspace overtook
    it (textual#6605). Priority bindings (ctrl+q) are checked before the key reaches a field,
    so running the field's own here changes nothing else."""

    DEFAULT_CSS = """
    TextField.-at-limit { border: tall $warning; }
    TextField.-at-limit:focus { border: tall $warning; }
    """

    show_limit = False

    def __init__(self, *args: Any, show_limit: bool = False, **kwargs: Any) -> None:
        """`show_limit`: show how many characters are used of `max_length` under the field,
        and say so when a key or a paste would go past it."""
        super().__init__(*args, **kwargs)
        self.show_limit = show_limit and bool(self.max_length)

    def on_mount(self) -> None:
        self._count()

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        self._count()

    def _count(self, refused: bool = False) -> None:
        """`7/24` under the field; at the limit, a word saying that is all there is room for."""
        if not self.show_limit:
            return
        used, most = len(self.value), self.max_length or 0  # shown only with a limit
        full = refused or used >= most
        self.border_subtitle = (
            _("{most} characters at most").format(most=most) if full else f"{used}/{most}"
        )
        self.set_class(full, "-at-limit")

    def restricted(self) -> None:
        """A key or a paste refused: past the limit, the field says so."""
        super().restricted()
        self._count(refused=True)

    def _on_paste(self, event: events.Paste) -> None:
        """A paste longer than the room left keeps what fits, and says where it stopped
        (Input would refuse it whole, pasting nothing)."""
        line = event.text.splitlines()[0] if event.text else ""
        start, end = sorted(self.selection)
        room = self.max_length - (len(self.value) - (end - start)) if self.max_length else 0
        if self.max_length and len(line) > room:
            event.prevent_default()  # not Input's own handler, which would paste nothing
            event.stop()
            if room > 0:
                self.replace(line[:room], start, end)
            self._count(refused=True)

    async def _on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return
        await super()._on_key(event)
