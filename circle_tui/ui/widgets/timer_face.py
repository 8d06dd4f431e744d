"""The turn clock: big digits and the state word, coloured by state but never by colour alone."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Digits, Static

from circle_tui.core.timer import TimerState
from circle_tui.i18n import N_, _
from circle_tui.ui.keys import keyed
from circle_tui.ui.widgets.big_text import big_text

STATE_WORDS = {
    TimerState.WAITING: N_("waiting — press {enter} to start the timer"),
    TimerState.SILENCE: N_("a moment of silence"),
    TimerState.RUNNING: N_("running"),
    TimerState.PAUSED: N_("paused — {space} to resume"),
    TimerState.LAST_MINUTE: N_("1 minute left"),
    TimerState.TIME: N_("time"),
    TimerState.OVER: N_("over"),
}


class TimerFace(Vertical):
    """Shows a countdown in `Digits`, or in a larger block font on wide screens."""

    _shown = ""
    _word: str | None = None
    _state: TimerState | None = None
    #: Pixels per font pixel in the wide face; a room view on a large screen draws larger.
    big_scale = 2

    DEFAULT_CSS = """
    TimerFace { height: auto; align-horizontal: center; }
    TimerFace Digits { width: 100%; text-align: center; }
    TimerFace #big { width: 100%; text-align: center; display: none; }
    TimerFace.-wide Digits { display: none; }
    TimerFace.-wide #big { display: block; }
    TimerFace #state { width: 100%; height: auto; text-align: center; text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        yield Digits("", id="digits")
        yield Static("", id="big")
        yield Static("", id="state")

    def show(self, clock_text: str, state: TimerState, word: str | None = None) -> None:
        # Only the visible face is redrawn: the other one is refreshed when the width changes.
        if clock_text != self._shown:
            if self.has_class("-wide"):
                big = self.query_one("#big", Static)
                big.update(
                    Text(big_text(clock_text, scale=self.big_scale)),
                    layout=len(clock_text) != len(self._shown),
                )
            else:
                self.query_one(Digits).update(clock_text)
            self._shown = clock_text
        label = keyed(_(STATE_WORDS[state])) if word is None else word
        if label != self._word:
            # A longer word may wrap to a second line (a cue is never cut): layout again then.
            self.query_one("#state", Static).update(Content(label))
            self._word = label
        if state is not self._state:
            self._state = state
            for s in TimerState:
                self.set_class(s is state, f"-{s.name.lower().replace('_', '-')}")

    def set_wide(self, wide: bool) -> None:
        if wide != self.has_class("-wide"):
            self.set_class(wide, "-wide")
            shown = self._shown
            self.query_one(Digits).update(shown)
            self.query_one("#big", Static).update(Text(big_text(shown, scale=self.big_scale)))
