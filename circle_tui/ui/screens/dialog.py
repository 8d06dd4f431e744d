"""The base of every dialog: it answers once."""

from __future__ import annotations

from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.screen import ModalScreen, ScreenResultType

from circle_tui.i18n import N_
from circle_tui.ui.keys import key_name
from circle_tui.ui.widgets.keys_bar import KeyHints

#: Between the keys of a dialog's key line.
GAP = "    "


def dialog_keys(*items: tuple[str, str]) -> KeyHints:
    """A dialog's last line: each key by the language's name for it (`enter` is `intro` in
    Spanish), with what it does; wrapped only between keys."""
    return KeyHints(
        [(key_name(key) or key, what) for key, what in items],
        separator=GAP,
        classes="dialog-keys",
    )


class Dialog(ModalScreen[ScreenResultType]):
    """A modal screen that closes once, whatever arrives after its answer.

    Textual's `dismiss` pops whichever screen is on top, so two enters in the same instant (a
    held key, a paste, a busy laptop) would close the dialog and then the screen beneath it —
    the rounds screen, or the last one, which ends the app."""

    #: The care pause works "at any moment": from a dialog too, which it closes unanswered
    #: (every dialog's None is "cancel"). A name field takes its g as a letter.
    BINDINGS = [Binding("g", "care_pause", N_("Care pause"), show=False)]

    _answered = False

    def action_care_pause(self) -> None:
        session = self.app.session  # type: ignore[attr-defined]
        if session.circle is not None and session.circle.care is None:
            self.dismiss(None)
            session.care_pause()  # the phase screen, shown again, opens the pause

    def dismiss(self, result: ScreenResultType | None = None) -> AwaitComplete:
        if self._answered or not self.is_active:
            return AwaitComplete.nothing()
        self._answered = True
        return super().dismiss(result)
