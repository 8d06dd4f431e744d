"""The greeting a room view says first, before the console sends it anything.

A connection counts as a room view only once it has greeted with the right words, the
console's protocol version and, where the room is served on a loopback port (Windows), the
console's per-session secret. Anything else that connects — junk, a stranger's process, a
room view of another version — never takes a room view's place, never changes the count
the console shows (nor `room_safe = "auto"`), and is dropped after a few seconds."""

from __future__ import annotations

import json
from enum import Enum
from typing import Final, Literal, TypedDict

from circle_tui.room.snapshot import VERSION

WORDS: Final = "circle-tui room"
#: A greeting is a few dozen bytes; more than this before a line end is not one.
MAX_HELLO = 1024
#: Seconds a connection has to greet before it is dropped: a room view greets at once.
HELLO_SECONDS = 3.0


class Hello(TypedDict):
    hello: Literal["circle-tui room"]
    version: int
    secret: str  # "" over a Unix socket: its private folder already keeps others out


class Greeting(Enum):
    """What the console makes of a connection's first line."""

    ROOM_VIEW = "room view"
    OTHER_VERSION = "other version"  # a room view of another circle-tui: told, then closed
    STRANGER = "stranger"  # anything else: closed without a word


def hello_line(secret: str) -> bytes:
    hello: Hello = {"hello": WORDS, "version": VERSION, "secret": secret}
    return json.dumps(hello, separators=(",", ":")).encode("ascii") + b"\n"


def greeting(line: bytes, secret: str) -> Greeting:
    """Whether `line` is a room view's hello with `secret` ("" when none is needed)."""
    try:
        hello = json.loads(line)  # at most MAX_HELLO bytes: no depth to fear
    except (ValueError, RecursionError):
        return Greeting.STRANGER
    if (
        type(hello) is not dict
        or hello.keys() != Hello.__annotations__.keys()
        or hello["hello"] != WORDS
        or type(hello["secret"]) is not str
        or not _same(hello["secret"], secret)
    ):
        return Greeting.STRANGER
    if type(hello["version"]) is not int or hello["version"] != VERSION:
        return Greeting.OTHER_VERSION
    return Greeting.ROOM_VIEW


def _same(given: str, secret: str) -> bool:
    if not secret:
        return given == ""
    import hmac  # only for a loopback port: it loads OpenSSL, which a Unix socket never needs

    return hmac.compare_digest(given.encode("utf-8", "replace"), secret.encode("utf-8"))
