"""The turn timer: a countdown computed from the clock, never from counted ticks."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from circle_tui.core.clock import Clock
from circle_tui.i18n import N_, _, ngettext

#: How long the word "time" stays up after zero before the timer reads "over".
TIME_GRACE_SECONDS = 10.0
#: A turn can be shortened with "-1 min", but never below this.
MIN_LIMIT_SECONDS = 60.0


class TimerState(Enum):
    """Each state has a word on screen as well as a colour, so colour is never the only cue."""

    WAITING = "waiting"
    SILENCE = "silence"
    RUNNING = "running"
    PAUSED = "paused"
    LAST_MINUTE = "last minute"
    TIME = "time"
    OVER = "over"


class TurnTimer:
    """One turn's countdown.

    Elapsed time is the sum of closed running spans plus the open one, read from the
    clock, so remaining = limit + adjustment − running time holds exactly at any moment.
    A start may be delayed by a calm silence; the countdown begins when it ends.
    """

    def __init__(self, clock: Clock, limit_seconds: float, warning_seconds: float = 60.0) -> None:
        if limit_seconds <= 0:
            raise ValueError("a turn needs a positive limit")
        self.clock = clock
        self.limit_seconds = float(limit_seconds)
        self.warning_seconds = float(warning_seconds)
        self.adjustment_seconds = 0.0
        self._banked = 0.0  # running time of spans already closed by a pause
        self._running_since: float | None = None
        self._started = False
        self._held_silence = 0.0  # a silence interrupted by a pause, to finish on resume
        #: An untimed turn counts its time up, with no cue and never "time" (RoundSpec.untimed).
        self.untimed = False

    # -- actions -------------------------------------------------------------
    def start(self, silence_seconds: float = 0.0) -> None:
        """Start counting down, after an optional silence; starting twice is a no-op."""
        if self._started:
            return
        self._started = True
        self._running_since = self.clock.now() + max(0.0, silence_seconds)

    def pause(self) -> None:
        if self._running_since is None:
            return
        self._held_silence = self.silence_left()
        self._banked += max(0.0, self.clock.now() - self._running_since)
        self._running_since = None

    def resume(self) -> None:
        if self._started and self._running_since is None:
            self._running_since = self.clock.now() + self._held_silence
            self._held_silence = 0.0

    def toggle_pause(self) -> None:
        if self.is_paused:
            self.resume()
        elif self._started:
            self.pause()

    def add_minute(self) -> None:
        self.adjustment_seconds += 60.0

    def remove_minute(self) -> bool:
        """Take a minute off this turn; refused (False) if it would drop below one minute."""
        if self.total_seconds - 60.0 < MIN_LIMIT_SECONDS:
            return False
        self.adjustment_seconds -= 60.0
        return True

    # -- readings ------------------------------------------------------------
    @property
    def started(self) -> bool:
        return self._started

    @property
    def is_paused(self) -> bool:
        return self._started and self._running_since is None

    @property
    def total_seconds(self) -> float:
        return self.limit_seconds + self.adjustment_seconds

    @property
    def warning_for_turn(self) -> float:
        """The "last minute" cue, but never more than half a turn: a 1-minute check-in
        gets its cue for the final 30 s rather than from the start."""
        return min(self.warning_seconds, self.total_seconds / 2)

    def elapsed(self) -> float:
        """Seconds this turn's clock has run (silence and pauses not counted)."""
        if self._running_since is None:
            return self._banked
        return self._banked + max(0.0, self.clock.now() - self._running_since)

    def remaining(self) -> float:
        """Seconds left; negative once over time."""
        return self.total_seconds - self.elapsed()

    def silence_left(self) -> float:
        if self._running_since is None:
            return 0.0
        return max(0.0, self._running_since - self.clock.now())

    def next_change_in(self) -> float | None:
        """Seconds until the shown countdown (whole seconds) or its state next changes, at
        most 1; None while nothing moves (waiting, paused). A screen can sleep until then
        instead of polling. Every threshold (warning, zero, grace) is a whole second."""
        if not self._started or self._running_since is None:
            return None
        silence = self.silence_left()
        left = silence if silence > 0 else self.remaining()
        return left % 1.0 or 1.0

    # -- across processes ----------------------------------------------------------
    def to_dict(self) -> dict[str, float | bool]:
        """The timer at this moment, as plain JSON: a room view rebuilds it with
        `from_dict` on its own clock and counts down by itself, with no message a second."""
        return {
            "limit": self.limit_seconds,
            "adjustment": self.adjustment_seconds,
            "warning": self.warning_seconds,
            "elapsed": self.elapsed(),
            "started": self._started,
            "running": self._running_since is not None,
            "silence": self.silence_left()
            if self._running_since is not None
            else self._held_silence,
        }

    @classmethod
    def from_dict(cls, data: dict, clock: Clock) -> TurnTimer:
        timer = cls(clock, float(data["limit"]), float(data["warning"]))
        timer.adjustment_seconds = float(data["adjustment"])
        timer._banked = float(data["elapsed"])
        timer._started = bool(data["started"])
        if data["running"]:
            timer._running_since = clock.now() + float(data["silence"])
        else:
            timer._held_silence = float(data["silence"])
        return timer

    def state(self) -> TimerState:
        if not self._started:
            return TimerState.WAITING
        if self._running_since is None:
            return TimerState.PAUSED
        if self.silence_left() > 0:
            return TimerState.SILENCE
        remaining = self.remaining()
        if self.untimed or remaining > self.warning_for_turn:
            return TimerState.RUNNING
        if remaining > 0:
            return TimerState.LAST_MINUTE
        if remaining > -TIME_GRACE_SECONDS:
            return TimerState.TIME
        return TimerState.OVER


#: The time cues' words, the same on the console and the room view; the other states are said
#: by each screen in its own words (the console's name the key to press).
CUE_WORDS = {TimerState.TIME: N_("time"), TimerState.OVER: N_("over time")}


@dataclass(frozen=True)
class Cue:
    """A turn's timer as the console and every room view show it: the state, which gives
    the colour (one rule per state in circle.tcss, for the one timer face both screens
    draw), the clock, and the cue in words, or None where each screen says the state its
    own way."""

    state: TimerState
    clock: str
    words: str | None


def turn_cue(timer: TurnTimer) -> Cue:
    """The one source of a turn's cue, from its limit, time left and warning setting: in a
    1-minute round both screens say "30 seconds left" from 00:30, "time" at zero, then
    "over time" with a signed clock ("+00:12"), so overtime never reads as time left."""
    state = timer.state()
    if state is TimerState.SILENCE:
        return Cue(state, format_seconds(timer.silence_left()), None)
    if timer.untimed:  # the time taken, counting up, and no cue: as long as it takes
        return Cue(state, format_seconds(math.floor(timer.elapsed())), None)
    remaining = timer.remaining()
    clock = ("+" if remaining < 0 else "") + format_seconds(remaining)
    if state is TimerState.LAST_MINUTE:
        return Cue(state, clock, cue_words(timer.warning_for_turn))
    return Cue(state, clock, _(CUE_WORDS[state]) if state in CUE_WORDS else None)


def cue_words(seconds: float) -> str:
    """The cue in words, saying the real time left: "1 minute left", "30 seconds left"."""
    whole = int(round(seconds))
    if whole % 60 == 0:
        minutes = whole // 60
        return ngettext("{n} minute left", "{n} minutes left", minutes).format(n=minutes)
    return ngettext("{n} second left", "{n} seconds left", whole).format(n=whole)


def format_seconds(seconds: float) -> str:
    """`mm:ss` for a countdown; a partial second still shows as left (04:59.5 → 05:00)."""
    whole = math.ceil(seconds) if seconds >= 0 else math.floor(-seconds)
    minutes, secs = divmod(int(whole), 60)
    return f"{minutes:02d}:{secs:02d}"
