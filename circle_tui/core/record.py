"""The attendance record: counts only, validated, and nothing else."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from datetime import date as Date
from typing import Any, NamedTuple, Self

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
#: tests/app/test_privacy.py fails if this tuple changes.
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
    """One session's counts, immutable; every record that exists has passed `problem`.

    A named tuple: immutable, compared and sorted by value, and its fields are FIELDS."""

    __slots__ = ()

    def __new__(cls, *args: Any, **kwargs: Any) -> AttendanceRecord:
        record = super().__new__(cls, *args, **kwargs)
        error = problem(record.to_dict())
        if error is not None:
            raise error
        return record

    @classmethod
    def _make(cls, iterable: Iterable[Any]) -> Self:  # type: ignore[override]  # same, checked
        """Checked too (namedtuple's own skips __new__), and so is `_replace`, which uses it."""
        return cls(*iterable)

    @classmethod
    def from_dict(cls, data: Any) -> AttendanceRecord:
        """Build from stored or imported data; RecordError names the first field that is
        wrong (unknown and missing fields too)."""
        error = problem(data)
        if error is not None:
            raise error
        return tuple.__new__(cls, _IN_FIELD_ORDER(data))

    def to_dict(self) -> dict[str, Any]:
        return dict(zip(FIELDS, self, strict=True))

    def corrected(self, field: str, delta: int) -> AttendanceRecord | None:
        """This record with `field` ("present", "newcomers" or "returning") changed by
        `delta`; None when the counts would stop making sense (below zero, more first-timers
        and returning than present). A returning not counted is counted from 0."""
        try:
            changed: dict[str, Any] = {field: (getattr(self, field) or 0) + delta}
            return self._replace(**changed)
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


#: Every noun a count meets, singular and plural in each language (tests/unit/test_plurals.py).
NOUNS: dict[str, Callable[[int], str]] = {
    "session": lambda n: ngettext("{n} session", "{n} sessions", n),
    "card": lambda n: ngettext("{n} card", "{n} cards", n),
    "file": lambda n: ngettext("{n} file", "{n} files", n),
    "circle": lambda n: ngettext("{n} circle", "{n} circles", n),
    "first-timer": lambda n: ngettext("{n} first-timer", "{n} first-timers", n),
    "attendance": lambda n: ngettext("{n} attendance", "{n} attendances", n),
    "problem": lambda n: ngettext("{n} problem", "{n} problems", n),
    "room view": lambda n: ngettext("{n} room view", "{n} room views", n),
}


_FIELD_SET = frozenset(FIELDS)


# -- the schema's rule: written once, used by every record made, read or imported -----------
def _text(value: Any) -> str:
    """What is wrong with `value` as text ("" when nothing is)."""
    if type(value) is str:
        return ""
    return _("expected text, got {kind}").format(kind=type(value).__name__)


def _count(value: Any) -> str:
    if type(value) is not int:  # bool is an int subclass, and is refused here too
        return _("expected a whole number, got {kind}").format(kind=type(value).__name__)
    if not 0 <= value <= MAX_COUNT:
        return _("expected 0 to {most}, got {value}").format(most=MAX_COUNT, value=value)
    return ""


def _is_date(text: str) -> bool:
    if not _DATE(text):  # fromisoformat alone also takes "2026-W48-5" and "20261127"
        return False
    try:
        Date.fromisoformat(text)  # the calendar: no 30 February
    except ValueError:
        return False
    return True


def _circle_name(text: str) -> bool:
    """1 to 80 characters, not all spaces, and no control or text-direction character: a
    name that could drive a terminal, a spreadsheet or a page is damage, never shown."""
    return 0 < len(text) <= MAX_CIRCLE_NAME and not text.isspace() and not first_control(text)


def _id(r: Mapping[str, Any]) -> str:
    return _text(r["id"]) or ("" if _UUID(r["id"]) else _("expected a UUID4 like 2f1c…-4…"))


def _circle(r: Mapping[str, Any]) -> str:
    name = r["circle"]
    if _text(name) or _circle_name(name):
        return _text(name)
    return control_problem(name) or _("expected a circle name of 1 to {most} characters").format(
        most=MAX_CIRCLE_NAME
    )


def _given(value: str) -> str:
    """A value as a message quotes it: cut short, so a 1000-character cell is not echoed."""
    return repr(value if len(value) <= 24 else value[:24] + "…")


def _date(r: Mapping[str, Any]) -> str:
    if _text(r["date"]) or _is_date(r["date"]):
        return _text(r["date"])
    return _("expected a date as YYYY-MM-DD, got {value}").format(value=_given(r["date"]))


def _started(r: Mapping[str, Any]) -> str:
    if _text(r["started"]) or _TIME(r["started"]):
        return _text(r["started"])
    return _("expected a time as HH:MM, got {value}").format(value=_given(r["started"]))


def _ended(r: Mapping[str, Any]) -> str:
    ended = r["ended"]
    if _text(ended) or not ended or _TIME(ended):  # empty: still in progress
        return _text(ended)
    return _("expected a time as HH:MM, or empty while in progress; got {value}").format(
        value=_given(ended)
    )


def _present(r: Mapping[str, Any]) -> str:
    return _count(r["present"])


def _newcomers(r: Mapping[str, Any]) -> str:
    return _count(r["newcomers"])


def _returning(r: Mapping[str, Any]) -> str:
    return "" if r["returning"] is None else _count(r["returning"])  # None: not counted


def _newcomers_fit(r: Mapping[str, Any]) -> str:
    if r["newcomers"] <= r["present"]:
        return ""
    return _("{newcomers} newcomers is more than {present} present").format(
        newcomers=r["newcomers"], present=r["present"]
    )


def _returning_fits(r: Mapping[str, Any]) -> str:
    returning = r["returning"] or 0  # not counted: nothing to add up
    if r["newcomers"] + returning <= r["present"]:
        return ""
    return _(
        "{returning} returning and {newcomers} newcomers is more than {present} present"
    ).format(returning=returning, newcomers=r["newcomers"], present=r["present"])


def _status(r: Mapping[str, Any]) -> str:
    if _text(r["status"]) or r["status"] in STATUSES:
        return _text(r["status"])
    return _("expected one of {values}, got {value}").format(
        values=", ".join(STATUSES), value=_given(r["status"])
    )


def _schema(r: Mapping[str, Any]) -> str:
    if type(r["schema"]) is not int or r["schema"] != SCHEMA_VERSION:
        return _("expected {version}").format(version=SCHEMA_VERSION)
    return ""


class _Check(NamedTuple):
    field: str
    #: What is wrong with the record for this field, "" when nothing is. It may rely on the
    #: checks of the fields it reads having passed (the sums, on the counts being numbers).
    problem: Callable[[Mapping[str, Any]], str]
    #: first-timers and second visits add up to more than those present
    over_present: bool = False
    #: The other fields it reads, each checked before it: it is asked only when they passed.
    reads: tuple[str, ...] = ()


#: The schema's rule, in the order it is checked: one problem per field at most.
CHECKS = (
    _Check("id", _id),
    _Check("circle", _circle),
    _Check("date", _date),
    _Check("started", _started),
    _Check("ended", _ended),
    _Check("present", _present),
    _Check("newcomers", _newcomers),
    _Check("newcomers", _newcomers_fit, over_present=True, reads=("present",)),
    _Check("returning", _returning),
    _Check("returning", _returning_fits, over_present=True, reads=("present", "newcomers")),
    _Check("status", _status),
    _Check("schema", _schema),
)


def problem(data: Any) -> RecordError | None:
    """The first thing wrong with `data` as a record (naming its field), or None: the one
    check every record passes, made, loaded from the log or imported."""
    return next(problems(data), None)


def problems(data: Any, *, aside: Collection[str] = ()) -> Iterator[RecordError]:
    """What is wrong with `data` as a record, one problem per field, in the schema's order:
    a host fixing a spreadsheet row sees all of it at once. Unknown and missing fields come
    first, and when a field is missing nothing else is checked. Fields in `aside` are taken
    as already told (an importer's own checks found them wrong first)."""
    if not isinstance(data, dict):
        yield RecordError(
            "record",
            _("expected an object with the fields {fields}").format(fields=", ".join(FIELDS)),
        )
        return
    if data.keys() != _FIELD_SET:
        for name in sorted(set(data) - _FIELD_SET - set(aside), key=str):
            yield RecordError(
                str(name),
                _("unknown field; a record holds only {fields}").format(fields=", ".join(FIELDS)),
            )
        missing = [name for name in FIELDS if name not in data]
        for name in missing:
            yield RecordError(name, _("missing"))
        if missing:
            return
    wrong = set(aside)
    for check in CHECKS:
        if check.field in wrong or wrong.intersection(check.reads):
            continue
        said = check.problem(data)
        if said:
            wrong.add(check.field)
            yield RecordError(check.field, said, over_present=check.over_present)
