"""The base of every dialog: it answers once."""

from __future__ import annotations

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen, ScreenResultType


class Dialog(ModalScreen[ScreenResultType]):
    """A modal screen that closes once, whatever arrives after its answer.

    Textual's `dismiss` pops whichever screen is on top, so two enters in the same instant (a
    held key, a paste, a busy laptop) would close the dialog and then the screen beneath it —
    the rounds screen, or the last one, which ends the app."""

    _answered = False

    def dismiss(self, result: ScreenResultType | None = None) -> AwaitComplete:
        if self._answered or not self.is_active:
            return AwaitComplete.nothing()
        self._answered = True
        return super().dismiss(result)
