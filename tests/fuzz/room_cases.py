"""Generated lines for the room view's decoder, and what each must come to: a snapshot that
passes the contract (and can be laid out, its countdown read), or a RoomProtocolError.
Anything else raised is a failure. Shared by tests/fuzz/test_fuzz_room.py (a bounded sample in the
suite) and tests/fuzz/long_run.py (thousands of cases, with counts)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from circle_tui.core.clock import FakeClock
from circle_tui.core.text import first_control
from circle_tui.core.timer import turn_cue
from circle_tui.room.snapshot import Room, RoomProtocolError, check, decode, encode
from circle_tui.ui.widgets.room_stage import _timer_of, scene_of, shown
from tests.support.rooms import room_of, timer_of

# Characters that have driven terminals and broken parsers, mixed into any text.
TRICKY = [
    "\x1b", "\x1b]0;title\x07", "\x1b]52;c;eA==\x07", "\x1b[5m", "\x9b", "\x00", "\x07", "\r",
    "\n", "\t", "\u202e", "\u2066", "\u2028", "\ufeff", "\ud800", "[b]", "[/]", "[@click=x]",
    "$x", "{", "}", "\\", '"', "é", "😀", "\u0301", "Zephyrine",
]  # fmt: skip
tricky_text = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=8)), max_size=8).map(
    "".join
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    tricky_text,
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(tricky_text, inner, max_size=4)
    ),
    max_leaves=12,
)

QR = {"feedback": "https://forms.example.org/f", "resources": None, "shown": "feedback"}
#: Valid snapshots of every shape, to break one part at a time.
VALID = [
    room_of(),
    room_of("ended"),
    room_of("arrivals"),
    room_of("opening", words="*Welcome.*", countdown={"kind": "silence", "timer": timer_of(60)}),
    room_of(
        "agreements",
        title="Our agreements",
        card={
            "heading": "Listen",
            "body": "Deeply.",
            "number": 2,
            "of": 9,
            "last": False,
            "reading": "Seat 4",
        },
    ),  # fmt: skip
    room_of(
        "rounds",
        round={
            "name": "check-in",
            "prompt": "How are you?",
            "number": 1,
            "of": 4,
            "minutes": 1,
            "started": True,
            "complete": False,
        },
        speaker="Robin",
        timer=timer_of(60, 31),
    ),  # fmt: skip
    room_of("break", countdown={"kind": "break", "timer": timer_of(600, 125)}),
    room_of(
        "pause",
        words="We stop.",
        qr={**QR, "shown": "resources", "level": "H", "resources": "https://x.org/"},
    ),  # fmt: skip
    room_of("closing", words="Thank you.", qr={**QR, "level": "M"}),
]


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in a snapshot a value sits, as key paths."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*prefix, key))
    return found


@st.composite
def broken_rooms(draw) -> Any:
    """A valid snapshot with one part replaced, removed or added to."""
    room = json.loads(json.dumps(draw(st.sampled_from(VALID))))
    path = draw(st.sampled_from(_paths(room)))
    parent = room
    for key in path[:-1]:
        parent = parent[key]
    how = draw(st.sampled_from(["replace", "remove", "add", "text"]))
    if how == "replace":
        parent[path[-1]] = draw(json_values)
    elif how == "remove":
        del parent[path[-1]]
    elif how == "add":
        parent[draw(tricky_text)] = draw(json_values)
    else:
        parent[path[-1]] = draw(tricky_text)
    return room


#: Text the console could send: anything but what it refuses (control characters and such).
plain_text = tricky_text.map(lambda t: "".join(c for c in t if first_control(c) is None))


@st.composite
def plausible_rooms(draw) -> Any:
    """A valid snapshot whose texts are anything the console could send: markup, accents,
    emoji, long words — each must be drawn as written."""
    room = json.loads(json.dumps(draw(st.sampled_from(VALID))))
    fixed = ("phase", "kind", "shown", "level", "language")  # not free text
    for path in _paths(room):
        parent = room
        for key in path[:-1]:
            parent = parent[key]
        free = isinstance(parent[path[-1]], str) and path[-1] not in fixed and path[0] != "qr"
        if free and draw(st.booleans()):
            parent[path[-1]] = draw(plain_text)
    return room


@st.composite
def deep(draw) -> bytes:
    depth = draw(st.integers(1, 6000))
    opener, closer = draw(st.sampled_from([(b"[", b"]"), (b'{"a":', b"}")]))
    inner = b'{"version":3}' if draw(st.booleans()) else b"1"
    return opener * depth + inner + closer * depth + b"\n"


def as_line(value: Any) -> bytes:
    return json.dumps(value, allow_nan=True, ensure_ascii=False).encode("utf-8", "surrogatepass")


lines = st.one_of(
    st.sampled_from(VALID).map(encode),
    plausible_rooms().map(as_line),
    broken_rooms().map(as_line),
    json_values.map(as_line),
    st.dictionaries(tricky_text, json_values, max_size=6).map(
        lambda d: as_line({**d, "version": 3})
    ),
    deep(),
    st.binary(max_size=200),
)


def outcome(line: bytes) -> str:
    """What the room view makes of `line`: "drawn" with the snapshot laid out and its
    countdown read, or "dropped: <part>" naming what failed the contract."""
    try:
        room = decode(line)
    except RoomProtocolError as err:
        return "dropped: " + str(err).rsplit(": ", 1)[-1]  # by kind: the part may be anything
    check(room, Room)  # what was accepted passes the contract as it stands
    scene = scene_of(room)
    for text in (scene.over, scene.prompt, scene.label, scene.big, scene.words, scene.line):
        assert "\x1b" not in shown(text, keep="\n\t")
    timer = _timer_of(room, FakeClock(0))
    if timer is not None:
        turn_cue(timer)
    return "drawn"
