"""The room snapshot: a versioned, typed message of what the whole room may see, and nothing else.

`Room` and its parts below are the one definition of the contract. The console builds one
from the session at every change (`snapshot`) and sends it as one line of JSON (`encode`); a
room view reads each line with `decode`, which checks every field against these same
declarations — its type, its range, that numbers are finite, the length of every text and
that no text holds a character the console refuses — so that nothing a room view is sent
can reach its screen unchecked. A room view runs its own countdown from the timer in it.
It never holds who passed, left or stepped out, airtime, first-timer counts, warnings,
settings, attendance or file paths."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from types import UnionType
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    Final,
    Literal,
    NotRequired,
    TypedDict,
    Union,
    cast,
    get_args,
    get_origin,
    get_type_hints,
    is_typeddict,
)

from circle_tui import i18n
from circle_tui.core.agreements import MAX_BYTES as MAX_AGREEMENTS
from circle_tui.core.plan import Phase
from circle_tui.core.record import MAX_CIRCLE_NAME
from circle_tui.core.text import first_control
from circle_tui.i18n import _

if TYPE_CHECKING:
    from circle_tui.core.circle import Circle
    from circle_tui.core.timer import TurnTimer
    from circle_tui.session import Session

#: Bumped whenever a field or message changes meaning; each side refuses any other version.
#: 3: a room view greets the console first (room/hello.py), and the console may refuse it.
VERSION = 3
#: No snapshot comes near this (an agreement set is at most 256 KiB): a longer line is refused.
MAX_LINE = 1024 * 1024
#: Before the first circle of the night, and after the last one ended (the console says so:
#: only this phase lets a room view say that the circle has ended).
WAITING: Final = "waiting"
ENDED: Final = "ended"
#: The care pause, at any moment of a circle (whatever the phase underneath).
PAUSE: Final = "pause"
PhaseName = Literal[
    "waiting",
    "arrivals",
    "opening",
    "agreements",
    "rounds",
    "break",
    "pause",
    "closing",
    "end",
    "ended",
]
DAY = 24 * 60 * 60.0
WEEK = 7 * DAY


# -- the contract ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Chars:
    """A text the room view draws: at most `most` characters, and none that the console
    refuses (core/text.py) but those in `allowed`: tabs where an agreement set may hold them,
    line breaks only in its Markdown."""

    most: int
    allowed: str = ""


@dataclass(frozen=True)
class Between:
    """A number from `low` to `high`, inclusive; a float must also be finite."""

    low: float
    high: float


Seconds = Annotated[float, Between(0, DAY)]
Label = Annotated[str, Chars(100)]  # a speaker or reader: a typed name (24) or "Seat 12"
Count = Annotated[int, Between(0, 10_000)]
Link = Annotated[str, Chars(2_000)]
#: The agreement set's texts: a file of at most 256 KiB.
Prose = Annotated[str, Chars(MAX_AGREEMENTS, allowed="\n\t")]
Line = Annotated[str, Chars(MAX_AGREEMENTS, allowed="\t")]  # a title or heading: one line


class TimerData(TypedDict):
    """A countdown at the moment of sending (TurnTimer.to_dict): the view counts on by itself."""

    limit: Annotated[float, Between(1, DAY)]
    adjustment: Annotated[float, Between(-DAY, DAY)]
    warning: Seconds
    elapsed: Annotated[float, Between(0, WEEK)]
    started: bool
    running: bool
    silence: Seconds


class Countdown(TypedDict):
    kind: Literal["silence", "break"]
    timer: TimerData


class Card(TypedDict):
    heading: Line
    body: Prose
    number: Annotated[int, Between(1, 10_000)]
    of: Count
    last: bool
    reading: Label | None


class RoundData(TypedDict):
    name: Annotated[str, Chars(200)]
    prompt: Annotated[str, Chars(1_000)]
    number: Annotated[int, Between(1, 1_000)]
    of: Annotated[int, Between(1, 1_000)]
    minutes: Annotated[int, Between(1, 1_440)]
    started: bool
    complete: bool


class Codes(TypedDict):
    """The links the room may scan, which one the console shows, and its error correction."""

    feedback: Link | None
    resources: Link | None
    shown: Literal["feedback", "resources"]
    level: Literal["M", "Q", "H"]


class Room(TypedDict):
    version: int
    language: Annotated[str, Chars(16)]
    circle: Annotated[str, Chars(MAX_CIRCLE_NAME)]
    phase: PhaseName
    title: Line
    words: Prose
    card: Card | None
    round: RoundData | None
    speaker: Label | None
    timer: TimerData | None
    countdown: Countdown | None
    qr: Codes | None
    #: The time of day is shown (`show_clock`), from the room view's own clock: the same
    #: laptop's. Sent only when on, so a snapshot without it is exactly what it was before.
    clock: NotRequired[bool]


class Refusal(TypedDict):
    """The console's answer to a room view it will not serve, before it closes the line."""

    version: int
    refused: Literal["version", "full"]


# -- errors ------------------------------------------------------------------------------------
class RoomProtocolError(ValueError):
    """A line from the socket that is not a message this room view can show. A bad snapshot
    is dropped (the room keeps what it showed), so its reason is for tests, not for the TV."""


class OtherVersion(RoomProtocolError):
    """The console speaks another version of the protocol: said on the room view, since only
    running the same circle-tui for both can fix it."""


class Refused(RoomProtocolError):
    """The console turned this room view away: `reason` is "version" or "full"."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            _("the console already serves as many room views as it takes; close one first")
            if reason == "full"
            else _("the console turned this room view away")
        )
        self.reason = reason


def other_version(theirs: Any) -> OtherVersion:
    """The one line both sides say when their versions differ."""
    shown = str(theirs) if type(theirs) is int and 0 <= theirs < 10_000 else "?"
    return OtherVersion(
        _(
            "the console sends room snapshots of version {theirs}, this room "
            "view reads version {ours}: run the same circle-tui for both"
        ).format(theirs=shown, ours=VERSION)
    )


# -- checking a message against the contract ------------------------------------------------------
@cache
def _fields(kind: type) -> dict[str, Any]:
    return get_type_hints(kind, include_extras=True)


def check(value: Any, kind: Any, where: str = "") -> None:
    """Raise RoomProtocolError naming the first part of `value` that `kind` (a TypedDict, a
    Literal, an Annotated scalar, or one of these or None) does not allow.

    It walks the declaration, never the data, so a message nested deeper than the contract
    fails at the first level too deep, whatever its depth."""
    limit = None
    if get_origin(kind) is NotRequired:  # may be left out; when there, it is checked
        kind = get_args(kind)[0]
    if get_origin(kind) is Annotated:
        kind, limit = get_args(kind)[:2]
    origin = get_origin(kind)
    if origin in (Union, UnionType):
        options = [option for option in get_args(kind) if option is not type(None)]
        if value is None and len(options) < len(get_args(kind)):
            return
        (kind,) = options  # only "X | None" is declared
        check(value, kind, where)
        return
    if origin is Literal:
        if not any(type(value) is type(o) and value == o for o in get_args(kind)):
            _bad(where, f"expected one of {', '.join(map(repr, get_args(kind)))}")
        return
    if is_typeddict(kind):
        if type(value) is not dict:
            _bad(where, "expected an object")
        fields = _fields(kind)
        if value.keys() - fields.keys():  # named by where it is: its name may be anything
            _bad(where, "a field the contract does not hold")
        # Not __required_keys__: with this module's string annotations, Python 3.11 counts
        # a NotRequired field as required.
        optional = {name for name, f in fields.items() if get_origin(f) is NotRequired}
        missing = fields.keys() - optional - value.keys()
        if missing:
            _bad(f"{where}.{min(missing)}".lstrip("."), "missing")
        for name, field_kind in fields.items():
            if name in value:
                check(value[name], field_kind, f"{where}.{name}".lstrip("."))
        return
    if kind is bool:
        if type(value) is not bool:
            _bad(where, "expected true or false")
    elif kind is int or kind is float:
        allowed = (int,) if kind is int else (int, float)
        if type(value) not in allowed:  # bool is an int subclass, and is refused here
            _bad(where, "expected a whole number" if kind is int else "expected a number")
        if type(value) is float and not math.isfinite(value):
            _bad(where, "expected a finite number")
        if isinstance(limit, Between) and not limit.low <= value <= limit.high:
            _bad(where, f"expected {limit.low:g} to {limit.high:g}")
    elif kind is str:
        if type(value) is not str:
            _bad(where, "expected text")
        if isinstance(limit, Chars):
            if len(value) > limit.most:
                _bad(where, f"expected at most {limit.most} characters")
            if first_control(value, allowed=limit.allowed) is not None:
                _bad(where, "a character the console never sends (a control character)")
    else:  # pragma: no cover - the contract declares nothing else
        raise TypeError(f"{where}: {kind!r} is not part of the contract")


def _bad(where: str, problem: str) -> None:
    raise RoomProtocolError(f"{where or 'message'}: {problem}")


def _codes_fit(room: Room) -> None:
    """Each link must fit the code the console would draw: a view cannot draw a bigger one."""
    from circle_tui.core.qr import max_length

    codes = room["qr"]
    if codes is not None:
        for which in ("feedback", "resources"):
            url = codes[which]  # type: ignore[literal-required]
            if url is not None and len(url.encode("utf-8")) > max_length(codes["level"]):
                _bad(f"qr.{which}", "too long for a code a phone can scan")


# -- the line on the socket -----------------------------------------------------------------------
def encode(message: Room | Refusal) -> bytes:
    """One line of the socket's newline-delimited JSON."""
    return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def decode(line: bytes) -> Room:
    """A line from the socket as a snapshot of this version, checked field by field.

    OtherVersion when the console speaks another version, Refused when it turned this view
    away, RoomProtocolError for anything else that is not a snapshot. Never any other
    exception, whatever the line holds: it comes from another process."""
    import orjson  # depth-limited (1,024) and strict: no NaN, no Infinity, no lone surrogate

    if len(line) > MAX_LINE:
        raise RoomProtocolError("message: longer than any room snapshot")
    try:
        message = orjson.loads(line)
    except (orjson.JSONDecodeError, RecursionError, MemoryError):
        raise RoomProtocolError("message: not JSON") from None
    if type(message) is not dict:
        raise RoomProtocolError("message: expected an object")
    if message.get("version") != VERSION or type(message.get("version")) is not int:
        raise other_version(message.get("version"))
    if "refused" in message:
        check(message, Refusal)
        raise Refused(message["refused"])
    check(message, Room)
    room: Room = message  # type: ignore[assignment]  # checked against Room just above
    _codes_fit(room)
    return room


# -- building one from the session ------------------------------------------------------------------
def speaker_label(circle: Circle, seat: int | None, room_names: str) -> str | None:
    """The speaker as the room may see them: a typed name, the seat, or nobody."""
    if seat is None or room_names == "none":
        return None
    person = circle.participant(seat)
    return person.label if room_names == "name" else person.seat_label


def snapshot(session: Session) -> Room:
    """What the whole room may see of `session` now, as plain JSON: never who passed, left or
    stepped out, airtime, first-timers, warnings, settings, attendance or paths. Built here,
    above the session, which knows nothing of the room."""
    settings, circle = session.settings, session.circle
    room: Room = {
        "version": VERSION,
        "language": i18n.current(),  # a room view speaks as the console does, even after a change
        "circle": settings.circle_name,
        "phase": (ENDED if session.circles_ended else WAITING) if circle is None else "arrivals",
        "title": "",
        "words": "",
        "card": None,
        "round": None,
        "speaker": None,
        "timer": None,
        "countdown": None,
        "qr": None,
    }
    if settings.show_clock:
        room["clock"] = True
    if circle is None:
        return room  # the agreement sets may not even be read yet: they are not needed
    room["phase"] = cast(PhaseName, circle.phase.value)
    texts = session.texts
    agreements = texts.agreements
    phase = circle.phase
    if circle.care is not None:  # the care pause: the whole circle stops together
        room["phase"] = PAUSE
        room["words"] = agreements.pause if agreements and agreements.pause else ""
        if circle.care.silence is not None:
            room["countdown"] = {"kind": "silence", "timer": _timer(circle.care.silence)}
        if circle.care.resources:
            room["qr"] = {
                "feedback": None,
                "resources": _links(session)["resources"],
                "shown": "resources",
                "level": settings.qr_error_correction,  # type: ignore[typeddict-item]
            }
        return room
    if phase is Phase.OPENING:
        room["words"] = agreements.opening if agreements else ""
        if circle.silence is not None:
            room["countdown"] = {"kind": "silence", "timer": _timer(circle.silence)}
    elif phase is Phase.AGREEMENTS:
        cards = texts.cards
        card = cards[min(circle.card, len(cards) - 1)]
        readers = circle.readers()
        room["title"] = agreements.title if agreements else ""
        room["card"] = {
            "heading": card.heading,
            "body": card.body,
            "number": circle.card + 1,
            "of": len(cards) - 1,
            "last": circle.on_last_card,
            "reading": speaker_label(circle, readers[0], settings.room_names) if readers else None,
        }
    elif phase is Phase.ROUNDS:
        spec = circle.round.spec if circle.round else circle.next_spec
        if spec is not None:
            room["round"] = {
                "name": spec.label,
                "prompt": spec.question,
                "number": circle.round_index + 1,
                "of": len(circle.plan),
                "minutes": spec.minutes,
                "started": circle.round is not None,
                "complete": circle.round is not None and circle.round.complete,
            }
        if circle.in_turn and circle.timer is not None:
            room["speaker"] = speaker_label(circle, circle.current, settings.room_names)
            # An untimed round, or a turn the facilitator keeps the clock off the TV for:
            # the room is sent no timer at all, not one it is asked not to draw.
            if circle.room_timer_shown:
                room["timer"] = _timer(circle.timer)
    elif phase is Phase.BREAK and circle.break_timer is not None:
        room["countdown"] = {"kind": "break", "timer": _timer(circle.break_timer)}
    elif phase in (Phase.CLOSING, Phase.END):
        links = _links(session)
        room["words"] = agreements.closing if agreements else ""
        room["qr"] = {
            "feedback": links["feedback"],
            "resources": links["resources"],
            "shown": circle.closing_code,  # type: ignore[typeddict-item]
            "level": settings.qr_error_correction,  # type: ignore[typeddict-item]
        }
        if phase is Phase.CLOSING and circle.silence is not None:
            room["countdown"] = {"kind": "silence", "timer": _timer(circle.silence)}
    return room


def _timer(timer: TurnTimer) -> TimerData:
    return cast(TimerData, timer.to_dict())  # core/ cannot know the room's contract


def _links(session: Session) -> dict[str, str | None]:
    """The codes the room may scan; a link that cannot be used is simply not shown there."""
    from circle_tui.core.qr import QRError

    settings, circle = session.settings, session.circle
    day = (circle.started_at if circle else session.wall()).date()
    links: dict[str, str | None] = {}
    for which, key in (("feedback", "feedback_url"), ("resources", "resources_url")):
        try:
            links[which] = settings.link(key, day).url if getattr(settings, key).strip() else None
        except QRError:
            links[which] = None
    return links
