"""The attendance record of DESIGN §5: counts only, validated, and nothing else."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date as Date
from typing import Any

SCHEMA_VERSION = 1
STATUSES = ("in_progress", "complete", "interrupted")
#: The reviewed list of stored fields. Adding one is a privacy decision, not a refactor:
#: tests/test_privacy.py fails if this tuple changes.
FIELDS = ("id", "circle", "date", "started", "ended", "present", "newcomers", "status", "schema")
MAX_CIRCLE_NAME = 80
MAX_COUNT = 10_000

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


class RecordError(ValueError):
    """A record that breaks the schema; the message names the field and the expected form."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


@dataclass(frozen=True)
class AttendanceRecord:
    id: str
    circle: str
    date: str
    started: str
    ended: str
    present: int
    newcomers: int
    status: str
    schema: int = SCHEMA_VERSION

    def __post_init__(self) -> None:
        validate(self.to_dict())

    @classmethod
    def new(cls, circle: str, day: str, started: str) -> AttendanceRecord:
        return cls(str(uuid.uuid4()), circle, day, started, "", 0, 0, "in_progress")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AttendanceRecord:
        """Build from stored or imported data; unknown or missing fields are errors."""
        validate(data)
        record = object.__new__(cls)  # already validated: skip __post_init__'s second pass
        record.__dict__.update(data)  # exactly FIELDS, as validate() has checked
        return record

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in FIELDS}

    def corrected(self, field: str, delta: int) -> AttendanceRecord | None:
        """This record with `field` ("present" or "newcomers") changed by `delta`; None when
        the counts would stop making sense (below zero, more first-timers than present)."""
        try:
            return replace(self, **{field: getattr(self, field) + delta})
        except RecordError:
            return None

    def minutes(self) -> int | None:
        """Duration in minutes, or None if the session has no end time yet."""
        if not self.ended:
            return None
        s, e = self.started, self.ended
        return (int(e[:2]) * 60 + int(e[3:]) - int(s[:2]) * 60 - int(s[3:])) % (24 * 60)


assert tuple(f.name for f in fields(AttendanceRecord)) == FIELDS


def totals(records: Sequence[AttendanceRecord]) -> str:
    """One line of totals for hosts, shared by `circle-tui attendance` and the review screen."""
    present = sum(r.present for r in records)
    return (
        f"{len(records)} sessions · {present} present in all · "
        f"{sum(r.newcomers for r in records)} first-timers · "
        f"{present / len(records):.1f} per session"
    )


_FIELD_SET = frozenset(FIELDS)


def _text(data: dict[str, Any], name: str) -> str:
    value = data[name]
    if type(value) is not str:
        raise RecordError(name, f"expected text, got {type(value).__name__}")
    return value


def _count(data: dict[str, Any], name: str) -> int:
    value = data[name]
    if type(value) is not int:  # bool is an int subclass, and is refused here too
        raise RecordError(name, f"expected a whole number, got {type(value).__name__}")
    if not 0 <= value <= MAX_COUNT:
        raise RecordError(name, f"expected 0 to {MAX_COUNT}, got {value}")
    return value


def looks_valid(d: Any) -> bool:
    """True only for a record that passes every check below (never the other way round)."""
    try:
        if type(d) is not dict or d.keys() != _FIELD_SET:
            return False
        circle, day, ended, present, newcomers = (
            d["circle"],
            d["date"],
            d["ended"],
            d["present"],
            d["newcomers"],
        )
        return (
            type(d["id"]) is str
            and _UUID.match(d["id"]) is not None
            and type(circle) is str
            and 0 < len(circle) <= MAX_CIRCLE_NAME
            and not circle.isspace()
            and type(day) is str
            and len(day) == 10
            and _is_date(day)
            and type(d["started"]) is str
            and _TIME.match(d["started"]) is not None
            and type(ended) is str
            and (not ended or _TIME.match(ended) is not None)
            and type(present) is int
            and type(newcomers) is int
            and 0 <= newcomers <= present <= MAX_COUNT
            and d["status"] in STATUSES
            and type(d["status"]) is str
            and type(d["schema"]) is int
            and d["schema"] == SCHEMA_VERSION
        )
    except (TypeError, KeyError):
        return False


def _is_date(text: str) -> bool:
    try:
        Date.fromisoformat(text)
    except ValueError:
        return False
    return True


def validate(data: Any) -> None:
    """Raise RecordError naming the first field that breaks the schema.

    Written to be quick: `circle-tui attendance` validates every record of a years-long log,
    so a well-formed record takes one pass of cheap checks; only a bad one takes the slow,
    field-by-field path that says what is wrong.
    """
    if not looks_valid(data):
        explain(data)


def explain(data: Any) -> None:
    """The slow path: raise RecordError for the first field that is wrong."""
    if not isinstance(data, dict):
        raise RecordError("record", "expected an object with the fields " + ", ".join(FIELDS))
    if data.keys() != _FIELD_SET:
        unknown = sorted(set(data) - _FIELD_SET)
        if unknown:
            raise RecordError(unknown[0], "unknown field; a record holds only " + ", ".join(FIELDS))
        raise RecordError(next(n for n in FIELDS if n not in data), "missing")
    if not _UUID.match(_text(data, "id")):
        raise RecordError("id", "expected a UUID4 like 2f1c…-4…")
    circle = _text(data, "circle")
    if not circle.strip() or len(circle) > MAX_CIRCLE_NAME:
        raise RecordError("circle", f"expected a circle name of 1 to {MAX_CIRCLE_NAME} characters")
    day = _text(data, "date")
    try:
        if len(day) != 10:
            raise ValueError
        Date.fromisoformat(day)
    except ValueError:
        raise RecordError("date", "expected a date as YYYY-MM-DD") from None
    if not _TIME.match(_text(data, "started")):
        raise RecordError("started", "expected a time as HH:MM")
    ended = _text(data, "ended")
    if ended and not _TIME.match(ended):
        raise RecordError("ended", "expected a time as HH:MM, or empty while in progress")
    present, newcomers = _count(data, "present"), _count(data, "newcomers")
    if newcomers > present:
        raise RecordError("newcomers", f"{newcomers} newcomers is more than {present} present")
    if _text(data, "status") not in STATUSES:
        raise RecordError("status", "expected one of " + ", ".join(STATUSES))
    if type(data["schema"]) is not int or data["schema"] != SCHEMA_VERSION:
        raise RecordError("schema", f"expected {SCHEMA_VERSION}")
