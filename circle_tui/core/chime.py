"""When the gentle chime sounds (the `chime` setting): the moments of the circle that call for
it, read from its countdowns. Moments: a silence begins and ends (between turns, at the
opening and the closing, on the care pause), and, with "silences-and-time", a turn reaches
its time. They are looked for each time a screen ticks or the circle changes, so the chime
needs no clock of its own; a pause is never a moment. Playing it is session/chime.py's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from circle_tui.core.timer import TimerState, TurnTimer
from circle_tui.i18n import N_

if TYPE_CHECKING:
    from circle_tui.core.circle import Circle

#: The `chime` setting's choices, each with the words home's glance says it in.
CHIME_WORDS = {
    "off": N_("off"),
    "silences": N_("silences"),
    "silences-and-time": N_("silences and time"),
}
CHIMES = tuple(CHIME_WORDS)


class ChimeCues:
    """Watches the circle's countdowns and says when one reaches a moment for the chime."""

    def __init__(self) -> None:
        #: Per countdown slot: the timer seen last, and where it stood ("silence", "on",
        #: "time"); a new timer object in a slot is a new countdown.
        self._seen: dict[str, tuple[TurnTimer, str]] = {}

    def moments(self, circle: Circle | None, when: str) -> int:
        """How many moments for the chime since the last look (0 when `when` is "off")."""
        slots: dict[str, TurnTimer | None] = {
            "silence": circle.silence if circle else None,
            "care": circle.care.silence if circle and circle.care else None,
            "turn": circle.timer if circle else None,
        }
        found = 0
        for slot, timer in slots.items():
            if timer is None:
                self._seen.pop(slot, None)
                continue
            now = _standing(timer, turn=slot == "turn")
            last = self._seen.get(slot)
            before = last[1] if last is not None and last[0] is timer else None
            if now is None:  # paused: it stands where it stood
                continue
            self._seen[slot] = (timer, now)
            if now == before:
                continue
            if now == "silence" or before == "silence":
                found += when != "off"  # a silence begins, or ends
            elif now == "time" and before is not None and not timer.untimed:
                found += when == "silences-and-time"
        return found


def _standing(timer: TurnTimer, *, turn: bool) -> str | None:
    """Where a countdown stands for the chime; None while it is paused or not yet started."""
    if not turn:  # a silence countdown of its own: silent until it runs out
        if timer.is_paused:
            return None
        return "silence" if timer.remaining() > 0 else "on"
    state = timer.state()
    if state in (TimerState.PAUSED, TimerState.WAITING):
        return None
    if state is TimerState.SILENCE:
        return "silence"
    return "time" if state in (TimerState.TIME, TimerState.OVER) else "on"
