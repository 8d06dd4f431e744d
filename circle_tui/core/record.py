"""The attendance record: counts only, validated, and nothing else."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date as Date
from functools import partial
from typing import Any, NamedTuple, NoReturn

from circle_tui.core.text import control_problem, first_control
from circle_tui.i18n import N_, _, ngettext, number

#: 2 added `returning` (issue 17); storage/attendance.py migrates schema-1 records on read.
SCHEMA_VERSION = 2
STATUSES = ("in_progress", "complete", "interrupted")
#: How a status reads to hosts, on the review screen and in the CLI table.
#: The stored values stay English; these words are translated where shown (`status_word`).
STATUS_WORDS = {
    "in_progress": N_("in progress"),
    "complete": N_("complete"),
    "interrupted": N_("interrupted"),
}
#: The reviewed list of stored fields. Adding one is a privacy decision, not a refactor:
#: tests/test_privacy.py fails if this tuple changes.
FIELDS = (
    "id",
    "circle",
    "date",
    "started",
    "ended",
    "present",
    "newcomers",
    "status",
    "returning",
    "schema",
)
MAX_CIRCLE_NAME = 80
MAX_COUNT = 10_000
#: Longer than any circle: an end this long after the start was typed as before it.
MAX_SESSION_HOURS = 12

# fullmatch, and [0-9] rather than \d: no trailing newline, no digits from other scripts.
_TIME = re.compile("(?:[01][0-9]|2[0-3]):[0-5][0-9]").fullmatch
_DATE = re.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}").fullmatch
_UUID = re.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}").fullmatch


class RecordError(ValueError):
    """A record that breaks the schema; the message names the field and the expected form."""

    def __init__(self, field: str, problem: str, *, over_present: bool = False) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem
        #: first-timers (and second visits) add up to more than those present
        self.over_present = over_present


class _Fields(NamedTuple):
    id: str
    circle: str
    date: str
    started: str
    ended: str
    present: int
    newcomers: int
    status: str
    # Arrivals here for the second time: a count, nothing about who. None is "not counted"
    # (schema-1 sessions, from before the count existed), which is not the same as 0.
    returning: int | None = None
    schema: int = SCHEMA_VERSION


class AttendanceRecord(_Fields):
    """One session's counts, immutable; every record that exists has passed the schema.

    A named tuple: a years-long log holds ten thousand of them, and tuples are made, sorted
    and read column by column far quicker, and smaller, than objects with a __dict__.
    """

    __slots__ = ()

    def __new__(cls, *args: Any, **kwargs: Any) -> AttendanceRecord:
        record = super().__new__(cls, *args, **kwargs)
        if not columns_valid(list(zip(record))):
            _refuse(record.to_dict())
        return record

    @classmethod
    def _make(cls, iterable: Iterable[Any]) -> AttendanceRecord:
        """Checked too (namedtuple's own skips __new__), and so is `_replace`, which uses it."""
        return cls(*iterable)

    @classmethod
    def from_dict(cls, data: Any) -> AttendanceRecord:
        """Build from stored or imported data; unknown or missing fields are errors."""
        records = cls.from_dicts((data,))
        if records is None:
            _refuse(data)
        return records[0]

    @classmethod
    def from_dicts(cls, docs: Sequence[Any]) -> list[AttendanceRecord] | None:
        """Records for all of `docs` at once, or None if any one is not exactly a valid record
        (then `from_dict` on each says which field of which record is wrong).

        The quick way to load a whole log: made with tuple.__new__ and checked column by
        column, never one Python call per record."""
        try:
            if set(map(type, docs)) - {dict} or set(map(len, docs)) - {len(FIELDS)}:
                return None
            # len(FIELDS) keys each, and every one of FIELDS (else KeyError): exactly FIELDS.
            rows = list(map(_IN_FIELD_ORDER, docs))
        except KeyError:
            return None
        if not columns_valid(list(zip(*rows, strict=True))):
            return None
        return list(map(partial(tuple.__new__, cls), rows))

    def to_dict(self) -> dict[str, Any]:
        return dict(zip(FIELDS, self, strict=True))

    def corrected(self, field: str, delta: int) -> AttendanceRecord | None:
        """This record with `field` ("present", "newcomers" or "returning") changed by
        `delta`; None when the counts would stop making sense (below zero, more first-timers
        and returning than present). A returning not counted is counted from 0."""
        try:
            return self._replace(**{field: (getattr(self, field) or 0) + delta})
        except RecordError:
            return None

    def minutes(self) -> int | None:
        """Duration in minutes, or None if the session has no end time yet."""
        return minutes_between(self.started, self.ended)


assert AttendanceRecord._fields == FIELDS
#: A stored record's values in FIELDS order, in one C call per record.
_IN_FIELD_ORDER = operator.itemgetter(*FIELDS)


def minutes_between(started: str, ended: str) -> int | None:
    """Minutes from one HH:MM to the next (across midnight too); None without an end."""
    if not ended:
        return None
    s, e = started, ended
    return (int(e[:2]) * 60 + int(e[3:]) - int(s[:2]) * 60 - int(s[3:])) % (24 * 60)


def status_word(status: str) -> str:
    """A stored status as hosts read it, in their language."""
    return _(STATUS_WORDS[status])


def counted(n: int, noun: str) -> str:
    """`1 session`, `2 sessions`, `10,000 sessions`; `10.000 sesiones` in Spanish."""
    return NOUNS[noun](n).format(n=number(n))


#: Every noun a count meets, singular and plural in each language (tests/test_plurals.py).
NOUNS: dict[str, Callable[[int], str]] = {
    "session": lambda n: ngettext("{n} session", "{n} sessions", n),
    "card": lambda n: ngettext("{n} card", "{n} cards", n),
    "file": lambda n: ngettext("{n} file", "{n} files", n),
    "circle": lambda n: ngettext("{n} circle", "{n} circles", n),
    "first-timer": lambda n: ngettext("{n} first-timer", "{n} first-timers", n),
    "attendance": lambda n: ngettext("{n} attendance", "{n} attendances", n),
    "problem": lambda n: ngettext("{n} problem", "{n} problems", n),
    "likely duplicate": lambda n: ngettext("{n} likely duplicate", "{n} likely duplicates", n),
    "room view": lambda n: ngettext("{n} room view", "{n} room views", n),
}


_FIELD_SET = frozenset(FIELDS)


def _text(data: dict[str, Any], name: str) -> str:
    value = data[name]
    if type(value) is not str:
        raise RecordError(name, _("expected text, got {kind}").format(kind=type(value).__name__))
    return value


def _count(data: dict[str, Any], name: str) -> int:
    value = data[name]
    if value is None and name == "returning":
        return 0  # not counted: nothing to add up
    if type(value) is not int:  # bool is an int subclass, and is refused here too
        raise RecordError(
            name, _("expected a whole number, got {kind}").format(kind=type(value).__name__)
        )
    if not 0 <= value <= MAX_COUNT:
        raise RecordError(
            name, _("expected 0 to {most}, got {value}").format(most=MAX_COUNT, value=value)
        )
    return value


def _is_date(text: str) -> bool:
    if not _DATE(text):  # fromisoformat alone also takes "2026-W48-5" and "20261127"
        return False
    try:
        Date.fromisoformat(text)  # the calendar: no 30 February
    except ValueError:
        return False
    return True


def _is_end(text: str) -> bool:
    return not text or _TIME(text) is not None


def _circle_name(text: str) -> bool:
    """1 to 80 characters, not all spaces, and no control or text-direction character: a
    name that could drive a terminal, a spreadsheet or a page is damage, never shown."""
    return 0 < len(text) <= MAX_CIRCLE_NAME and not text.isspace() and not first_control(text)


def columns_valid(columns: Sequence[Sequence[Any]]) -> bool:
    """True only if every record, given as one column of values per field (in FIELDS
    order), passes every check of `explain`.

    Column by column, not record by record: `circle-tui attendance` checks every record of
    a years-long log, and a few passes of map/set/min/max over ten thousand values cost a
    few milliseconds where a Python loop per record cost ten times that. Repeated values
    (circle names, start times, dates) are checked once each.
    """
    if not any(columns):  # no records at all
        return True
    try:
        ids, circles, dates, started, ended, present, newcomers, status, returning, schema = columns
        kinds = _types(returning)
        # None is "not counted": 0 beside the first-timers. Most logs are all one or the other.
        if None in returning:
            returning = [0 if n is None else n for n in returning]
        return (
            all(_types(c) == {str} for c in (ids, circles, dates, started, ended, status))
            and all(_types(c) == {int} for c in (present, newcomers, schema))
            and kinds <= {int, type(None)}
            and all(map(_UUID, ids))
            and all(map(_circle_name, set(circles)))
            and all(map(_is_date, set(dates)))
            and all(map(_TIME, set(started)))
            and all(map(_is_end, set(ended)))
            and min(newcomers) >= 0
            and min(returning) >= 0
            and all(map(operator.le, map(operator.add, newcomers, returning), present))
            and max(present) <= MAX_COUNT
            and set(status) <= set(STATUSES)
            and set(schema) == {SCHEMA_VERSION}
        )
    except (TypeError, ValueError):  # unhashable values; not len(FIELDS) columns
        return False


def _types(column: Sequence[Any]) -> set[type]:
    return set(map(type, column))


def _refuse(data: Any) -> NoReturn:
    explain(data)
    # Only if the quick check and `explain` ever disagree (a test keeps them in step).
    raise RecordError("record", _("does not match the schema"))


def explain(data: Any) -> None:
    """The slow path: raise RecordError for the first field that is wrong."""
    if not isinstance(data, dict):
        raise RecordError(
            "record",
            _("expected an object with the fields {fields}").format(fields=", ".join(FIELDS)),
        )
    if data.keys() != _FIELD_SET:
        unknown = sorted(set(data) - _FIELD_SET)
        if unknown:
            raise RecordError(
                unknown[0],
                _("unknown field; a record holds only {fields}").format(fields=", ".join(FIELDS)),
            )
        raise RecordError(next(n for n in FIELDS if n not in data), _("missing"))
    if not _UUID(_text(data, "id")):
        raise RecordError("id", _("expected a UUID4 like 2f1c…-4…"))
    circle = _text(data, "circle")
    problem = control_problem(circle)
    if problem:
        raise RecordError("circle", problem)
    if not _circle_name(circle):
        raise RecordError(
            "circle",
            _("expected a circle name of 1 to {most} characters").format(most=MAX_CIRCLE_NAME),
        )
    if not _is_date(_text(data, "date")):
        raise RecordError("date", _("expected a date as YYYY-MM-DD"))
    if not _TIME(_text(data, "started")):
        raise RecordError("started", _("expected a time as HH:MM"))
    if not _is_end(_text(data, "ended")):
        raise RecordError("ended", _("expected a time as HH:MM, or empty while in progress"))
    present, newcomers = _count(data, "present"), _count(data, "newcomers")
    if newcomers > present:
        raise RecordError(
            "newcomers",
            _("{newcomers} newcomers is more than {present} present").format(
                newcomers=newcomers, present=present
            ),
            over_present=True,
        )
    returning = _count(data, "returning")
    if newcomers + returning > present:
        raise RecordError(
            "returning",
            _(
                "{returning} returning and {newcomers} newcomers is more than {present} present"
            ).format(returning=returning, newcomers=newcomers, present=present),
            over_present=True,
        )
    if _text(data, "status") not in STATUSES:
        raise RecordError(
            "status", _("expected one of {values}").format(values=", ".join(STATUSES))
        )
    if type(data["schema"]) is not int or data["schema"] != SCHEMA_VERSION:
        raise RecordError("schema", _("expected {version}").format(version=SCHEMA_VERSION))
