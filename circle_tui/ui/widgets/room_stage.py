"""What the whole room sees, drawn from a room snapshot: the room view's one widget, and the
console's preview of it (`v`). Large and calm; it counts down by itself between snapshots.

Every text it draws is shown as written, never as markup, and with any control character
shown as a code (`\\x1b`), as the console does: a room view checks each snapshot against the
contract before it gets here, and this is the second line of that defence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Static

from circle_tui.core.clock import Clock
from circle_tui.core.text import escape_controls
from circle_tui.core.timer import TimerState, TurnTimer, format_seconds, turn_cue
from circle_tui.i18n import N_, _
from circle_tui.room.snapshot import ENDED, PAUSE, WAITING, Codes, Room
from circle_tui.ui.widgets.big_text import big_name
from circle_tui.ui.widgets.markdown_text import MarkdownText
from circle_tui.ui.widgets.qr import CodePanel
from circle_tui.ui.widgets.timer_face import TimerFace

#: The timer's word for the room where the console's tells the facilitator which key to
#: press; the time cues themselves come from `turn_cue`, the console's own.
ROOM_WORDS = {
    TimerState.WAITING: N_("about to begin"),
    TimerState.SILENCE: N_("a moment of silence"),
    TimerState.RUNNING: N_("running"),
    TimerState.PAUSED: N_("paused"),
}
#: Titles over the code; its URL goes under it, and every row between is the code's.
CODE_TITLES = {
    "feedback": N_("Anonymous feedback · no names"),
    "resources": N_("Support and harm reporting"),
}


class BigLine(Static):
    """A short line drawn large, as large as fits (up to `max_scale`), else in bold: block
    letters, or the bundled font for any other script, an emoji beside (`big_name`)."""

    DEFAULT_CSS = """
    BigLine { width: 100%; text-align: center; text-style: bold; color: $accent; padding: 0 0 1 0; }
    """
    line = ""
    max_scale = 1
    _drawn: tuple[str, int, int] | None = None

    def set_line(self, line: str, max_scale: int) -> None:
        self.line, self.max_scale = line, max_scale
        self.display = bool(line)
        self.draw()

    def on_resize(self) -> None:
        self.draw()

    def draw(self) -> None:
        room = self.size.width - 2
        drawn = (self.line, self.max_scale, room)
        if drawn == self._drawn or room <= 0:
            return
        self._drawn = drawn
        for scale in range(self.max_scale, 0, -1):
            rows = big_name(self.line, scale)
            if rows is None:
                break  # nothing in it can be drawn large
            if cell_len(rows[0]) <= room:
                self.update(Text("\n".join(rows)))
                return
        self.update(Text(self.line))


@dataclass(frozen=True)
class Scene:
    """One snapshot as lines in the room view's places, top to bottom; empty ones are hidden."""

    over: str = ""  # a small line above: where in the circle we are
    prompt: str = ""  # the round's question
    label: str = ""  # "now speaking"
    big: str = ""  # in block letters: welcome, the card's heading, the speaker
    words: str = ""  # Markdown: opening words, the card, pause words
    timer: bool = False
    line: str = ""  # under it all: "reading now: …", "The circle has ended."
    code: bool = False  # the words beside a QR code (closing)
    beside: bool = False  # a QR code beside all the rest, which keeps its place (the pause)


def scene_of(room: Room | None, *, lost: bool = False) -> Scene:
    """Where each part of the snapshot goes; a phase this view does not know shows nothing.
    `lost`: the console went away mid-circle, and nothing is said of an end."""
    phase = room["phase"] if room else WAITING
    if lost:
        return Scene(big=_("One moment"))
    if room is None or phase == WAITING:
        return Scene(big=_("Welcome"), line=_("The circle begins soon."))
    if phase == "arrivals":
        return Scene(big=_("Welcome"), line=_("Find a seat; we begin soon."))
    if phase == "opening":
        return Scene(
            over=_("Opening"),
            words=room["words"] or _("*Welcome.*"),
            timer=bool(room["countdown"]),
        )
    if phase == "agreements":
        card = room["card"]
        if card is None:
            return Scene(over=room["title"] or _("Agreements"))
        where = (
            ""
            if card["last"]
            else " · " + _("{n} of {total}").format(n=card["number"], total=card["of"])
        )
        reading = (
            _("reading now: {reader}").format(reader=card["reading"]) if card["reading"] else ""
        )
        title = room["title"] or _("Agreements")
        return Scene(over=title + where, big=card["heading"], words=card["body"], line=reading)
    if phase == "rounds":
        return _round_scene(room)
    if phase == "break":
        return Scene(big=_("Break"), timer=True, line=_("Stretch, drink some water."))
    if phase == PAUSE:  # the whole circle stops together, whatever the phase underneath
        words = room["words"] or _("*We stop together for a moment.*")
        silence = bool(room["countdown"])
        # With the resources card's code, beside: the pause keeps its place on the screen.
        return Scene(big=_("A pause"), words=words, timer=silence, beside=bool(room["qr"]))
    if phase in ("closing", "end"):
        words = room["words"] or _("*Thank you all.*")
        return Scene(over=_("Closing"), words=words, timer=bool(room["countdown"]), code=True)
    if phase == ENDED:
        return Scene(big=_("Thank you"), line=_("The circle has ended."))
    return Scene()


def _round_scene(room: Room) -> Scene:
    rnd = room["round"]
    if rnd is None:
        return Scene(line=_("All rounds are done."))
    over = _("round {n} of {total} · {name}").format(
        n=rnd["number"], total=rnd["of"], name=rnd["name"]
    )
    prompt = f"“{rnd['prompt']}”" if rnd["prompt"] else ""
    if room["timer"] is not None or room["speaker"] is not None:
        # A turn; with no timer in it (an untimed round, or kept off the TV), no clock.
        speaker = room["speaker"] or ""
        label = _("now speaking") if speaker else ""
        timer = room["timer"] is not None
        return Scene(over=over, prompt=prompt, label=label, big=speaker, timer=timer)
    if rnd["complete"]:
        return Scene(over=over, prompt=prompt, line=_("This round is complete."))
    big = "" if rnd["started"] else _("Next: {name}").format(name=rnd["name"])
    return Scene(over=over, prompt=prompt, big=big)


class RoomStage(Vertical):
    """Renders one snapshot (or None: not connected yet) with a note under it. Its places are
    made once and filled per snapshot, so a key on the console costs the room one repaint."""

    DEFAULT_CSS = """
    RoomStage { width: 1fr; height: 1fr; padding: 0 2; }
    RoomStage #room-circle { width: 100%; color: $text-muted; text-align: center; }
    RoomStage #room-row { width: 100%; height: 1fr; }
    RoomStage #room-main { width: 1fr; height: 1fr; align: center middle; }
    RoomStage #room-side { width: auto; height: 1fr; padding: 0 0 0 2; }
    RoomStage #room-over, RoomStage #room-label { width: 100%; text-align: center; color: $text-muted; }
    RoomStage #room-prompt { width: 100%; text-align: center; text-style: italic; padding: 1 0; }
    RoomStage #room-words { width: 100%; max-width: 76; height: auto; max-height: 1fr; }
    RoomStage #room-line { width: 100%; text-align: center; padding: 1 0 0 0; }
    RoomStage #room-code { height: 1fr; }
    RoomStage #room-code-words { width: 1fr; height: 1fr; padding: 0 1; }
    RoomStage #room-code-title { width: 100%; text-align: center; color: $text-muted; }
    RoomStage #room-code-silence { width: 100%; text-align: center; text-style: bold; }
    RoomStage #room-note { width: 100%; height: auto; color: $text-muted; text-align: center; }
    RoomStage TimerFace { padding: 1 0 0 0; }
    """

    def __init__(
        self, clock: Clock, *, wall: Callable[[], datetime] = datetime.now, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.clock = clock
        self.wall = wall  # the time of day, when the console asks for it (show_clock)
        self._clock_ticks: Timer | None = None
        self.room: Room | None = None
        self.note = ""
        self.lost = False
        self.timer: TurnTimer | None = None
        self._countdown_waker: Timer | None = None
        self._code: tuple | None = None  # the code panel shown: (place, which, url, level)

    @property
    def phase(self) -> str | None:
        return self.room["phase"] if self.room else None

    @property
    def large(self) -> bool:
        """A TV-sized window: names and the timer in larger block letters."""
        return self.size.width >= 120 and self.size.height >= 36

    def compose(self) -> ComposeResult:
        yield Static("", id="room-circle", markup=False)
        with Horizontal(id="room-row"):
            with Vertical(id="room-main"):
                yield Static("", id="room-over", markup=False)
                yield Static("", id="room-prompt", markup=False)
                yield Static("", id="room-label", markup=False)
                yield BigLine("", id="room-big", markup=False)
                with Center(), VerticalScroll(id="room-words"):
                    yield MarkdownText(id="room-words-text")
                yield TimerFace(id="timer")
                yield Static("", id="room-line", markup=False)
            yield Vertical(id="room-side")  # the resources' code beside the pause
        with Horizontal(id="room-code"), VerticalScroll(id="room-code-words"):
            yield Static("", id="room-code-title", markup=False)
            yield Static("", id="room-code-silence", markup=False)
            yield MarkdownText(id="room-code-text")
        yield Static("", id="room-note", markup=False)

    def on_mount(self) -> None:
        self._fill()

    # -- what to show ------------------------------------------------------------------
    def show(self, room: Room | None, note: str = "", *, lost: bool = False) -> None:
        """Show a snapshot (None: not connected yet), or with `lost` a calm "one moment" over
        the last one while the console is away."""
        self.room, self.note, self.lost = room, note, lost
        self.timer = _timer_of(room, self.clock) if room and not lost else None
        if self.is_mounted:
            self._fill()

    def _fill(self) -> None:
        with self.app.batch_update():  # one layout and one frame for the whole snapshot
            self._fill_places()

    def _fill_places(self) -> None:
        room, scene = self.room, scene_of(self.room, lost=self.lost)
        self._show_circle_line()
        self.query_one("#room-row").display = not scene.code
        self.query_one("#room-code").display = scene.code
        self.query_one("#room-side").display = scene.beside
        codes = room["qr"] if room and (scene.code or scene.beside) else None
        self._show_code(codes, "#room-code" if scene.code else "#room-side")
        if scene.code:
            self._text("#room-code-title", scene.over)
            self._words("#room-code-text", scene.words)
        else:
            self._text("#room-over", scene.over)
            self._text("#room-prompt", scene.prompt)
            self._text("#room-label", scene.label)
            self.query_one(BigLine).set_line(shown(scene.big), 2 if self.large else 1)
            self._words("#room-words-text", scene.words)
            self.query_one("#room-words").display = bool(scene.words)
        self.query_one(TimerFace).display = scene.timer and not scene.code
        self.query_one("#room-code-silence").display = scene.timer and scene.code
        self._text("#room-line", "" if scene.code else scene.line)
        self._text("#room-note", self.note)
        self.tick()
        self._wake_at_next_change()

    def _show_circle_line(self) -> None:
        """The circle's name, with the time of day when the console shows it (`show_clock`);
        looked at once a second while it is shown, redrawn only when the minute turns."""
        room = self.room
        line = room["circle"] if room else ""
        clock = bool(room and room.get("clock")) and not self.lost
        if clock:
            line += f" · {self.wall():%H:%M}"
            if self._clock_ticks is None:
                self._clock_ticks = self.set_interval(1.0, self._show_circle_line)
        elif self._clock_ticks is not None:
            self._clock_ticks.stop()
            self._clock_ticks = None
        self._text("#room-circle", line)

    def _text(self, selector: str, text: str) -> None:
        widget = self.query_one(selector, Static)
        widget.display = bool(text)
        if getattr(widget, "_shown_text", None) != text:
            widget._shown_text = text  # type: ignore[attr-defined]
            widget.update(Text(shown(text)))

    def _words(self, selector: str, markdown: str) -> None:
        widget = self.query_one(selector, MarkdownText)
        if getattr(widget, "_shown_text", None) != markdown:
            widget._shown_text = markdown  # type: ignore[attr-defined]
            widget.update(shown(markdown))
            widget.parent.scroll_home(animate=False)  # type: ignore[union-attr]

    def _show_code(self, codes: Codes | None, place: str) -> None:
        """The code the console shows (at closing, or the resources' on the pause), in
        `place`; remade only when it changes."""
        url = codes[codes["shown"]] if codes else None  # type: ignore[literal-required]
        code = (place, codes["shown"], url, codes["level"]) if codes and url else None
        if code == self._code:
            return
        self._code = code
        for panel in self.query(CodePanel):
            panel.remove()
        if code is not None:
            where, which, link, level = code
            self.query_one(where).mount(
                CodePanel(
                    _(CODE_TITLES[which]),
                    link,
                    level=level,
                    export_hint=False,
                    beside=30 if place == "#room-code" else self.size.width // 2,
                )
            )

    # -- counting down by itself ---------------------------------------------------------
    def on_resize(self) -> None:
        if self.is_mounted:
            big = scene_of(self.room, lost=self.lost).big
            self.query_one(BigLine).set_line(shown(big), 2 if self.large else 1)
            self.tick()

    def tick(self) -> None:
        """The countdown, redrawn from the room's own clock."""
        if self.timer is None:
            return
        line = self.query_one("#room-code-silence", Static)
        if line.display:  # beside a code: a silence, in a line of its own
            left = self.timer.remaining()
            self._text(
                "#room-code-silence",
                _("a moment of silence · {time}").format(time=format_seconds(left)),
            )
            line.display = left > 0
            return
        face = self.query_one(TimerFace)
        if not face.display:
            return
        # Beside the resources' code the timer has the half of the screen the code leaves.
        room = (
            self.size.width // 2 if scene_of(self.room, lost=self.lost).beside else self.size.width
        )
        face.big_scale = 3 if self.large and room >= 120 else 2
        face.set_wide(room >= 60 and self.size.height >= 20)
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


def shown(text: str, keep: str = "\n\t") -> str:
    """`text` as the room view draws it: any control character as a code, as the console
    shows it (markup never applies: every place draws plain text)."""
    return escape_controls(text, keep=keep)


def _timer_of(room: Room, clock: Clock) -> TurnTimer | None:
    countdown = room["countdown"]
    data = room["timer"] or (countdown["timer"] if countdown else None)
    return TurnTimer.from_dict(dict(data), clock) if data else None


def _show_timer(face: TimerFace, timer: TurnTimer, phase: str | None) -> None:
    """The countdown with its word: a break's, a silence's, or a turn's cue, which comes from
    the function the console's own rounds screen uses (`turn_cue`)."""
    remaining = timer.remaining()
    if phase == "break":
        if remaining <= 0:
            face.show("00:00", TimerState.TIME, _("the break is over"))
        else:
            face.show(format_seconds(remaining), TimerState.RUNNING, _("break"))
    elif phase in ("opening", PAUSE):
        face.display = remaining > 0  # the silence is over: the words stay
        face.show(format_seconds(remaining), TimerState.SILENCE, _(ROOM_WORDS[TimerState.SILENCE]))
    else:
        cue = turn_cue(timer)
        face.show(cue.clock, cue.state, cue.words or _(ROOM_WORDS[cue.state]))
