"""The attendance record of DESIGN §5: counts only, validated, and nothing else."""

from __future__ import annotations

import re
import uuid
from dataclasses import asdict, dataclass, fields
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
        validate(asdict(self))

    @classmethod
    def new(cls, circle: str, day: str, started: str) -> AttendanceRecord:
        return cls(str(uuid.uuid4()), circle, day, started, "", 0, 0, "in_progress")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AttendanceRecord:
        """Build from stored or imported data; unknown or missing fields are errors."""
        validate(data)
        return cls(**{name: data[name] for name in FIELDS})

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def minutes(self) -> int | None:
        """Duration in minutes, or None if the session has no end time yet."""
        if not self.ended:
            return None
        sh, sm = map(int, self.started.split(":"))
        eh, em = map(int, self.ended.split(":"))
        return (eh * 60 + em - sh * 60 - sm) % (24 * 60)


assert tuple(f.name for f in fields(AttendanceRecord)) == FIELDS


def validate(data: Any) -> None:
    """Raise RecordError naming the first field that breaks the schema."""
    if not isinstance(data, dict):
        raise RecordError("record", "expected an object with the fields " + ", ".join(FIELDS))
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise RecordError(unknown[0], "unknown field; a record holds only " + ", ".join(FIELDS))
    missing = [name for name in FIELDS if name not in data]
    if missing:
        raise RecordError(missing[0], "missing")

    def text(name: str) -> str:
        value = data[name]
        if not isinstance(value, str):
            raise RecordError(name, f"expected text, got {type(value).__name__}")
        return value

    def count(name: str) -> int:
        value = data[name]
        if isinstance(value, bool) or not isinstance(value, int):
            raise RecordError(name, f"expected a whole number, got {type(value).__name__}")
        if not 0 <= value <= MAX_COUNT:
            raise RecordError(name, f"expected 0 to {MAX_COUNT}, got {value}")
        return value

    if not _UUID.match(text("id")):
        raise RecordError("id", "expected a UUID4 like 2f1c…-4…")
    circle = text("circle")
    if not circle.strip() or len(circle) > MAX_CIRCLE_NAME:
        raise RecordError("circle", f"expected a circle name of 1 to {MAX_CIRCLE_NAME} characters")
    try:
        Date.fromisoformat(text("date"))
    except ValueError:
        raise RecordError("date", "expected a date as YYYY-MM-DD") from None
    if len(data["date"]) != 10:
        raise RecordError("date", "expected a date as YYYY-MM-DD")
    if not _TIME.match(text("started")):
        raise RecordError("started", "expected a time as HH:MM")
    if text("ended") and not _TIME.match(data["ended"]):
        raise RecordError("ended", "expected a time as HH:MM, or empty while in progress")
    present, newcomers = count("present"), count("newcomers")
    if newcomers > present:
        raise RecordError("newcomers", f"{newcomers} newcomers is more than {present} present")
    if text("status") not in STATUSES:
        raise RecordError("status", "expected one of " + ", ".join(STATUSES))
    if data["schema"] != SCHEMA_VERSION or isinstance(data["schema"], bool):
        raise RecordError("schema", f"expected {SCHEMA_VERSION}")
