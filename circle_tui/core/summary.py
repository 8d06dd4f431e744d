"""Answers for hosts from the attendance counts: how many came, per month, circle or weekday,
and whether first-timers come back — worked out from counts alone, never from who came."""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date as Date
from functools import cache, lru_cache
from operator import attrgetter
from typing import Any

from circle_tui.core.record import AttendanceRecord, counted
from circle_tui.i18n import N_, _, ngettext, number, percent

GROUPINGS = ("month", "year", "circle", "weekday")
#: A Tally's figures as CSV columns and JSON keys, after the group's own column. The last two
#: are the returned share's basis: it divides by the first-timers of the sessions that
#: counted returns, never by all of them.
ROW_FIELDS = (
    "sessions",
    "attendances",
    "average",
    "first_timers",
    "returning",
    "returned_share",
    "sessions_counting_returns",
    "first_timers_counting_returns",
)
#: The same figures as a host reads them in a table (`Tally.cells`), translated where shown.
CELL_HEADINGS = (
    N_("sessions"),
    N_("attendances"),
    N_("average"),
    N_("first-timers"),
    N_("returning"),
    N_("returned"),
)
NOT_COUNTED = "—"  # returning of sessions from before it was counted: unknown, never 0
#: Monday first, as ISO weeks are; stored in exports as they are, translated where shown.
WEEKDAYS = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)


@dataclass(frozen=True)
class Tally:
    """The figures for one group of sessions (a month, a circle, a weekday, or all)."""

    group: str
    sessions: int
    attendances: int
    first_timers: int
    #: Second visits, summed over the sessions that counted them; None when none did
    #: (sessions from before the count existed), which is not the same as 0.
    returning: int | None
    #: First-timers in those same sessions: what `returned_share` divides by, so sessions
    #: without the count weigh on neither side.
    first_timers_counted: int
    #: The sessions that counted second visits: the share's basis, said beside it.
    sessions_counted: int

    @property
    def average(self) -> float:
        """Attendances per session."""
        return self.attendances / self.sessions if self.sessions else 0.0

    def row(self, by: str) -> dict[str, object]:
        """The figures as one CSV or JSON row, the group under the grouping's name."""
        share = self.returned_share
        figures = (
            self.sessions,
            self.attendances,
            round(self.average, 2),
            self.first_timers,
            self.returning,
            None if share is None else round(share, 3),
            self.sessions_counted,
            self.first_timers_counted,
        )
        return {by: self.group, **dict(zip(ROW_FIELDS, figures, strict=True))}

    def cells(self) -> tuple[str, ...]:
        """The figures as a host reads them, under CELL_HEADINGS: `1,008`, `14.0`, `33%`."""
        return (
            number(self.sessions),
            number(self.attendances),
            average_cell(self),
            number(self.first_timers),
            NOT_COUNTED if self.returning is None else number(self.returning),
            returned_cell(self),
        )

    @property
    def returned_share(self) -> float | None:
        """Second visits per first visit, over the sessions that counted both; None if unknown.

        Counts cannot follow a person, so this is the share of first-timers who came back
        only when a period's first and second visits roughly balance (over months, not days)."""
        if self.returning is None or not self.first_timers_counted:
            return None
        return self.returning / self.first_timers_counted


@cache  # a circle meets on few distinct days; each is worked out once
def _weekday_of(day: str) -> str:
    return WEEKDAYS[Date.fromisoformat(day).weekday()]


# -- one circle, however it was typed -----------------------------------------------------------
@lru_cache(maxsize=4096)  # a log holds few names, each met on every one of its sessions
def circle_key(name: str) -> str:
    """What makes two sessions one circle's: their names but for case and accents
    ("CIRCULO DE TERCA" on one laptop, "Círculo de terça" on another). The one rule that
    grouping, charts, filters and imports follow."""
    return folded(name)


def circle_names(records: Iterable[AttendanceRecord]) -> dict[str, str]:
    """Each circle's name as hosts read it, by `circle_key`: of the spellings its sessions
    carry, the one used most (the latest, on a tie)."""
    uses: dict[str, dict[str, tuple[int, int]]] = {}
    for order, record in enumerate(sorted(records, key=attrgetter("date", "started"))):
        spellings = uses.setdefault(circle_key(record.circle), {})
        count, _last = spellings.get(record.circle, (0, 0))
        spellings[record.circle] = (count + 1, order)
    return {key: max(spellings, key=spellings.__getitem__) for key, spellings in uses.items()}


def circles_of(records: Iterable[AttendanceRecord]) -> list[str]:
    """Every circle the sessions are of, once each, by the name hosts read, alphabetically."""
    return sorted(circle_names(records).values(), key=alphabetical)


def alphabetical(name: str) -> tuple[str, str]:
    """How circles are ordered: by name, case and accents aside ("Ágora" before "Zumba")."""
    return (circle_key(name), name)


#: How each grouping keys a session's group, and how its groups are ordered.
_KEYS: dict[str, Callable[[AttendanceRecord], str]] = {
    "month": lambda r: r.date[:7],
    "year": lambda r: r.date[:4],
    "circle": lambda r: circle_key(r.circle),
    "weekday": lambda r: _weekday_of(r.date),
}
_ORDER: dict[str, Callable[[str], Any]] = {
    "month": lambda group: group,
    "year": lambda group: group,
    "circle": alphabetical,
    "weekday": WEEKDAYS.index,
}


def tally(
    records: Iterable[AttendanceRecord], by: str, names: Mapping[str, str] | None = None
) -> list[Tally]:
    """One Tally per calendar month, year, circle or weekday that has sessions, in calendar
    order (circles alphabetically, each by its name in `names`: `circle_names` of every
    session stored, so that a month's figures name a circle as the whole log does; by
    default, of the sessions given)."""
    key = _KEYS[by]
    groups: dict[str, list[AttendanceRecord]] = {}
    for record in records:
        group = key(record)
        members = groups.get(group)
        if members is None:
            groups[group] = [record]
        else:
            members.append(record)
    if by == "circle":
        groups = _named(groups, names)
    return [overall(groups[g], g) for g in sorted(groups, key=_ORDER[by])]


def _named(
    by_key: dict[str, list[AttendanceRecord]], names: Mapping[str, str] | None
) -> dict[str, list[AttendanceRecord]]:
    """Sessions grouped by `circle_key`, grouped by each circle's name instead: its name in
    `names` (the whole log's), else the one its sessions here use most."""
    given = circle_names(r for members in by_key.values() for r in members)
    chosen = names or given
    return {chosen.get(key, given[key]): members for key, members in by_key.items()}


_PRESENT, _NEWCOMERS = attrgetter("present"), attrgetter("newcomers")


def overall(records: Sequence[AttendanceRecord], group: str = "all") -> Tally:
    """One Tally over every session given; column sums, as the listing's totals add up a
    years-long log on every call."""
    counted_back = [r for r in records if r.returning is not None]
    return Tally(
        group,
        len(records),
        sum(map(_PRESENT, records)),
        sum(map(_NEWCOMERS, records)),
        sum(r.returning or 0 for r in counted_back) if counted_back else None,
        sum(map(_NEWCOMERS, counted_back)),
        len(counted_back),
    )


def by_circle_and_month(
    records: Iterable[AttendanceRecord], names: Mapping[str, str] | None = None
) -> dict[str, dict[str, Tally]]:
    """Per circle (alphabetically, by its name in `names`, as `tally` takes them), its Tally
    for each month it met: what charts compare."""
    by_key: dict[str, list[AttendanceRecord]] = {}
    for record in records:
        by_key.setdefault(circle_key(record.circle), []).append(record)
    circles = _named(by_key, names)
    return {
        name: {t.group: t for t in tally(circles[name], "month")}
        for name in sorted(circles, key=alphabetical)
    }


def months_between(first: str, last: str) -> list[str]:
    """Every calendar month from `first` to `last` (YYYY-MM), both included: a chart shows a
    month without a circle as a gap, not by leaving it out."""
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def share(value: float | None) -> str:
    """A share as hosts read it: `33%`, or `—` when it cannot be known."""
    if value is None:
        return NOT_COUNTED
    return percent(value)


def returned_cell(t: Tally) -> str:
    """The returned share in a table cell, never above 100 % and never hiding its basis:
    `33%`; `58% of 72` when only some sessions counted returns (72: their first-timers);
    `15 for 10` when more came back than came new; `—` when nothing was counted."""
    value = t.returned_share
    if value is None or t.returning is None:
        return NOT_COUNTED
    if value > 1:
        return _("{returning} for {first_timers}").format(
            returning=number(t.returning), first_timers=number(t.first_timers_counted)
        )
    if t.first_timers_counted != t.first_timers:
        return _("{share} of {first_timers}").format(
            share=share(value), first_timers=number(t.first_timers_counted)
        )
    return share(value)


def came_back(t: Tally) -> str:
    """The returning figure with what it is out of, in the same words in the CLI, the review
    screen and the report: "42 of 72 first-timers came back (58%) — in the 29 sessions that
    counted returns". Never a share above 100 %: then both counts, side by side."""
    if t.returning is None:
        return _("returning not counted")
    first = t.first_timers_counted
    if first and t.returning <= first:
        words = ngettext(
            "{returning} of {first_timers} first-timer came back ({share})",
            "{returning} of {first_timers} first-timers came back ({share})",
            first,
        )
    elif first:
        words = ngettext(
            "{returning} came back for a second time, more than the {first_timers} first-timer",
            "{returning} came back for a second time, more than the {first_timers} first-timers",
            first,
        )
    elif not t.returning:
        words = _("no first-timers and no second visits")
    else:
        words = ngettext(
            "{returning} came back for a second time, and no first-timers came",
            "{returning} came back for a second time, and no first-timers came",
            t.returning,
        )
    said = words.format(
        returning=number(t.returning),
        first_timers=number(first),
        share=share(t.returned_share),
    )
    if t.sessions_counted == t.sessions:
        return said
    return (
        said
        + " — "
        + ngettext(
            "in the {n} session that counted returns",
            "in the {n} sessions that counted returns",
            t.sessions_counted,
        ).format(n=number(t.sessions_counted))
    )


def totals(records: Sequence[AttendanceRecord]) -> str:
    """One line of totals for hosts, shared by `circle-tui attendance` and the review screen."""
    t = overall(records)
    return _("{sessions} · {attendances} · {average} per session · {first_timers} · {back}").format(
        sessions=counted(t.sessions, "session"),
        attendances=counted(t.attendances, "attendance"),
        average=number(t.average, 1),
        first_timers=counted(t.first_timers, "first-timer"),
        back=came_back(t),
    )


# -- this year against the last ----------------------------------------------------------------
@dataclass(frozen=True)
class YearOnYear:
    """The same stretch of the calendar in two years: `this` from `since` to `until`, and
    `last` over the same days a year earlier."""

    this: Tally
    last: Tally
    since: Date
    until: Date

    @property
    def last_since(self) -> Date:
        return _year_before(self.since)

    @property
    def last_until(self) -> Date:
        return _year_before(self.until)


def _year_before(day: Date) -> Date:
    """The same day a year earlier; 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def year_on_year(
    records: Sequence[AttendanceRecord], until: Date, since: Date | None = None
) -> YearOnYear:
    """This year (from 1 January, or `since`, to `until`) against the same days of the year
    before. ValueError if `since` is after `until` or a year or more before it: the two
    stretches would overlap."""
    since = since or until.replace(month=1, day=1)
    if since > until or _year_before(until) >= since:
        raise ValueError(since)
    this = select(records, None, since.isoformat(), until.isoformat())
    last = select(records, None, _year_before(since).isoformat(), _year_before(until).isoformat())
    return YearOnYear(
        overall(this, str(until.year)), overall(last, str(until.year - 1)), since, until
    )


def average_cell(t: Tally) -> str:
    """The average as a host reads it; none (—) for a stretch without sessions, not 0.0."""
    return number(t.average, 1) if t.sessions else NOT_COUNTED


def average_change(this: Tally, last: Tally) -> str:
    """How the average moved; none (—) when either stretch had no session to average:
    from nothing, "+7.3" would read as growth."""
    return change(this.average, last.average, 1) if this.sessions and last.sessions else NOT_COUNTED


def change(now: float, before: float, decimals: int = 0) -> str:
    """How a figure moved: `+60 (+10%)`, `-3 (-5%)`, `0`; no share of nothing (from 0)."""
    difference = now - before
    if not round(difference, decimals):
        return number(0, decimals)
    sign = "+" if difference > 0 else "-"
    said = sign + number(abs(difference), decimals)
    if before and not decimals:
        said += f" ({sign}{share(abs(difference) / before)})"
    return said


# -- filters that forgive -----------------------------------------------------------------------
def folded(text: str) -> str:
    """Case and accents set aside: `circulo` finds "Círculo de los viernes"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def circles_spelled(query: str, names: Iterable[str]) -> list[str]:
    """The spellings among `names` of the circle `query` names (case and accents aside)."""
    wanted = circle_key(query)
    return [n for n in sorted(set(names), key=alphabetical) if circle_key(n) == wanted]


def circles_matching(query: str, circles: Iterable[str]) -> list[str]:
    """The circles (one name each, as `circles_of` gives them) `query` names: the one it
    spells, case and accents aside, else every circle whose name starts with it. A caller
    takes a single match and asks again for several."""
    wanted = circle_key(query)
    if not wanted:
        return []
    circles = sorted(set(circles), key=alphabetical)
    exact = [n for n in circles if circle_key(n) == wanted]
    return exact or [n for n in circles if circle_key(n).startswith(wanted)]


def first_day(text: str) -> str:
    """YYYY-MM-DD as given, or the first day of YYYY-MM; ValueError otherwise."""
    return _day(text, last=False)


def last_day(text: str) -> str:
    """YYYY-MM-DD as given, or the last day of YYYY-MM; ValueError otherwise."""
    return _day(text, last=True)


# [0-9], not \d: no digits from other scripts; fromisoformat alone also takes week dates.
_MONTH_OR_DAY = re.compile("[0-9]{4}-[0-9]{2}(-[0-9]{2})?").fullmatch


class NoSuchDay(ValueError):
    """A day written YYYY-MM-DD that the calendar has not (30 February): the form is right,
    so a message asks for another day, not for the form."""


def _day(text: str, last: bool) -> str:
    form = _MONTH_OR_DAY(text.strip())
    if form is None:
        raise ValueError(text)
    if form[1]:
        try:
            return Date.fromisoformat(form[0]).isoformat()
        except ValueError:
            raise NoSuchDay(text) from None
    day = Date.fromisoformat(form[0] + "-01")
    if last:
        day = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return day.isoformat()


def select(
    records: Iterable[AttendanceRecord],
    circles: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[AttendanceRecord]:
    """The sessions of `circles` (all when None; each by `circle_key`) from `since` to `until`
    (YYYY-MM-DD, both included, either open)."""
    if circles is None and not since and not until:
        return list(records)  # the everyday listing of a years-long log: no pass over it
    wanted = None if circles is None else frozenset(map(circle_key, circles))
    low, high = since or "", until or "9999-99-99"
    return [
        r
        for r in records
        if (wanted is None or circle_key(r.circle) in wanted) and low <= r.date <= high
    ]
