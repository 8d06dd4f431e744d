"""A text field whose editing keys act in the order they were typed."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class TextField(Input):
    """Textual's `Input`, with its own key bindings run as the key arrives.

    Input inserts a typed character at once, but a bound key (backspace, the arrows, ctrl+w, …)
    first bubbles up through every container to the app, which then runs the binding. Typed
    quickly, "Jo", backspace, "ua" became "Jou": the characters after the backspace overtook
    it (textual#6605). Priority bindings (ctrl+q) are checked before the key reaches a field,
    so running the field's own here changes nothing else."""

    async def _on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return
        await super()._on_key(event)
