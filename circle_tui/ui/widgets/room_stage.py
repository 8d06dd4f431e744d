"""What the whole room sees, drawn from a room snapshot: the room view's one widget, and the
console's preview of it (`v`). Large and calm; it counts down by itself between snapshots."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Markdown, Static

from circle_tui.core.clock import Clock
from circle_tui.core.timer import TimerState, TurnTimer, format_seconds
from circle_tui.room.snapshot import ENDED, PAUSE, WAITING
from circle_tui.ui.widgets.big_text import big_text, can_draw, width
from circle_tui.ui.widgets.qr import CodePanel
from circle_tui.ui.widgets.timer_face import TimerFace

#: The timer's word for the room: the console's words tell the facilitator which key to press.
ROOM_WORDS = {
    TimerState.WAITING: "about to begin",
    TimerState.SILENCE: "a moment of silence",
    TimerState.RUNNING: "running",
    TimerState.PAUSED: "paused",
    TimerState.LAST_MINUTE: "1 minute left",
    TimerState.TIME: "time",
    TimerState.OVER: "over time",
}
#: Titles over the code; its URL goes under it, and every row between is the code's.
CODE_TITLES = {
    "feedback": "Anonymous feedback · no names",
    "resources": "Support and harm reporting",
}


class BigLine(Static):
    """A short line in block letters, as large as fits (up to `max_scale`), else in bold."""

    DEFAULT_CSS = """
    BigLine { width: 100%; text-align: center; text-style: bold; color: $accent; padding: 0 0 1 0; }
    """

    def __init__(self, line: str, *, max_scale: int = 1, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.line = line
        self.max_scale = max_scale

    def on_resize(self) -> None:
        room = self.size.width - 2
        fitting = [
            s
            for s in range(self.max_scale, 0, -1)
            if can_draw(self.line) and width(self.line, s) <= room
        ]
        self.update(Text(big_text(self.line, fitting[0]) if fitting else self.line))


class RoomStage(Vertical):
    """Renders one snapshot (or None: not connected yet) with a note under it."""

    DEFAULT_CSS = """
    RoomStage { width: 1fr; height: 1fr; padding: 0 2; }
    RoomStage #room-circle { width: 100%; color: $text-muted; text-align: center; }
    RoomStage #room-body { width: 100%; height: 1fr; align: center middle; }
    RoomStage .room-line { width: 100%; text-align: center; padding: 1 0 0 0; }
    RoomStage .room-muted { width: 100%; text-align: center; color: $text-muted; }
    RoomStage .room-prompt { width: 100%; text-align: center; text-style: italic; padding: 1 0; }
    RoomStage .room-words { width: 100%; max-width: 76; height: auto; max-height: 1fr; }
    RoomStage .room-words Markdown { margin: 0; padding: 0; }
    RoomStage #room-closing { height: 1fr; }
    RoomStage #room-closing-words { width: 1fr; height: 1fr; padding: 0 1; }
    RoomStage #room-note { width: 100%; height: auto; color: $text-muted; text-align: center; }
    RoomStage TimerFace { padding: 1 0 0 0; }
    """

    def __init__(self, clock: Clock, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.clock = clock
        self.room: dict[str, Any] | None = None
        self.note = ""
        self.timer: TurnTimer | None = None
        self._countdown_waker: Timer | None = None
        self._large = False

    # -- what to show ------------------------------------------------------------------
    def show(self, room: dict[str, Any] | None, note: str = "") -> None:
        """Draw `room` (rebuilt whole: a snapshot comes once per key, not per second)."""
        self.room, self.note = room, note
        self.timer = _timer_of(room, self.clock) if room else None
        self.call_later(self._draw_room)

    async def _draw_room(self) -> None:
        await self.recompose()
        self.tick()
        self._wake_at_next_change()

    @property
    def phase(self) -> str | None:
        return self.room["phase"] if self.room else None

    @property
    def large(self) -> bool:
        """A TV-sized window: names and the timer in larger block letters."""
        return self.size.width >= 120 and self.size.height >= 36

    def compose(self) -> ComposeResult:
        room = self.room
        self._large = self.large
        yield Static(room["circle"] if room else "", id="room-circle", markup=False)
        with Vertical(id="room-body"):
            yield from self._phase_body(room)
        note = Static(self.note, id="room-note", markup=False)
        note.display = bool(self.note)
        yield note

    def big(self, line: str) -> BigLine:
        return BigLine(line, max_scale=2 if self.large else 1)

    def _phase_body(self, room: dict[str, Any] | None) -> ComposeResult:
        phase = room["phase"] if room else WAITING
        if room is None or phase == WAITING:
            yield self.big("Welcome")
            yield Static("The circle begins soon.", classes="room-line")
        elif phase == "arrivals":
            yield self.big("Welcome")
            yield Static("Find a seat; we begin soon.", classes="room-line")
        elif phase == "opening":
            yield Static("Opening", classes="room-muted")
            yield from _words(room["words"] or "*Welcome.*")
            if room["countdown"]:
                yield TimerFace(id="timer")
        elif phase == "agreements":
            yield from self._agreement_card(room["title"], room["card"])
        elif phase == "rounds":
            yield from self._round_now(room)
        elif phase == "break":
            yield self.big("Break")
            yield TimerFace(id="timer")
            yield Static("Stretch, drink some water.", classes="room-line")
        elif phase == PAUSE:  # the care pause (issue 14): the whole circle stops together
            yield self.big("A pause")
            yield from _words(room["words"] or "*We stop together for a moment.*")
        elif phase in ("closing", "end"):
            yield from self._at_closing(room)
        elif phase == ENDED:
            yield self.big("Thank you")
            yield Static("The circle has ended.", classes="room-line")
        else:  # a phase this room view does not know: say nothing rather than guess
            yield Static("", classes="room-line")

    def _agreement_card(self, title: str, card: dict[str, Any]) -> ComposeResult:
        where = "" if card["last"] else f" · {card['number']} of {card['of']}"
        yield Static(f"{title or 'Agreements'}{where}", classes="room-muted", markup=False)
        yield self.big(card["heading"])
        yield from _words(card["body"])
        if card["reading"]:
            yield Static(f"reading now: {card['reading']}", classes="room-line", markup=False)

    def _round_now(self, room: dict[str, Any]) -> ComposeResult:
        rnd = room["round"]
        if rnd is None:
            yield Static("All rounds are done.", classes="room-line")
            return
        yield Static(
            f"round {rnd['number']} of {rnd['of']} · {rnd['name']}",
            classes="room-muted",
            markup=False,
        )
        if rnd["prompt"]:
            yield Static(f"“{rnd['prompt']}”", classes="room-prompt", markup=False)
        if room["timer"] is not None:
            if room["speaker"]:
                yield Static("now speaking", classes="room-muted")
                yield self.big(room["speaker"])
            yield TimerFace(id="timer")
        elif rnd["complete"]:
            yield Static("This round is complete.", classes="room-line")
        elif not rnd["started"]:
            yield self.big(f"Next: {rnd['name']}")

    def _at_closing(self, room: dict[str, Any]) -> ComposeResult:
        qr = room["qr"] or {}
        shown = qr.get("shown", "feedback")
        url = qr.get(shown)
        with Horizontal(id="room-closing"):
            with VerticalScroll(id="room-closing-words"):
                yield Static("Closing", classes="room-muted")
                yield Markdown(room["words"] or "*Thank you all.*")
            if url:
                yield CodePanel(
                    CODE_TITLES.get(shown, ""),
                    url,
                    level=qr.get("level", "M"),
                    beside=30,
                    export_hint=False,
                )

    # -- counting down by itself ---------------------------------------------------------
    def on_resize(self) -> None:
        if self.large != self._large:
            self.call_later(self._draw_room)  # to or from a TV-sized window
        self.tick()

    def tick(self) -> None:
        """The countdown and the speaker's name, redrawn from the room's own clock."""
        if not self.is_mounted:
            return
        for face in self.query(TimerFace):
            face.big_scale = 3 if self.large else 2
            face.set_wide(self.size.width >= 60 and self.size.height >= 20)
            if self.timer is not None:
                _show_timer(face, self.timer, self.phase)

    def _wake_at_next_change(self) -> None:
        """Sleep until the shown second changes; while nothing moves, not at all."""
        if self._countdown_waker is not None:
            self._countdown_waker.stop()
            self._countdown_waker = None
        change = self.timer.next_change_in() if self.timer else None
        if change is not None:
            self._countdown_waker = self.set_timer(change + 0.01, self._countdown_woke)

    def _countdown_woke(self) -> None:
        self.tick()
        self._wake_at_next_change()


def _words(markdown: str) -> ComposeResult:
    with Center(), VerticalScroll(classes="room-words"):
        yield Markdown(markdown)


def _timer_of(room: dict[str, Any], clock: Clock) -> TurnTimer | None:
    data = room.get("timer") or (room.get("countdown") or {}).get("timer")
    return TurnTimer.from_dict(data, clock) if data else None


def _show_timer(face: TimerFace, timer: TurnTimer, phase: str | None) -> None:
    state = timer.state()
    remaining = timer.remaining()
    if phase == "break":
        if remaining <= 0:
            face.show("00:00", TimerState.TIME, "the break is over")
        else:
            face.show(format_seconds(remaining), TimerState.RUNNING, "break")
    elif phase == "opening":
        if remaining <= 0:
            face.show("00:00", TimerState.WAITING, "")
        else:
            face.show(format_seconds(remaining), TimerState.SILENCE, ROOM_WORDS[TimerState.SILENCE])
    elif state is TimerState.SILENCE:
        face.show(format_seconds(timer.silence_left()), state, ROOM_WORDS[state])
    elif state is TimerState.OVER:
        face.show(format_seconds(remaining), state, f"over {format_seconds(remaining)}")
    else:
        face.show(format_seconds(remaining), state, ROOM_WORDS[state])
