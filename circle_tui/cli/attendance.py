"""`circle-tui attendance`: list, sum up, add, export, import and report the attendance counts."""

from __future__ import annotations

import argparse
import operator
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from circle_tui.cli.output import say, write_data
from circle_tui.core.merge import (
    SAME_START_MINUTES,
    Difference,
    ImportPlan,
    Match,
    known_spelling,
    plan_import,
    typed_ahead,
)
from circle_tui.core.record import (
    MAX_SESSION_HOURS,
    STATUS_WORDS,
    AttendanceRecord,
    counted,
    minutes_between,
    status_word,
)
from circle_tui.core.summary import (
    CELL_HEADINGS,
    GROUPINGS,
    NOT_COUNTED,
    ROW_FIELDS,
    NoSuchDay,
    Tally,
    YearOnYear,
    average_cell,
    average_change,
    came_back,
    change,
    circle_key,
    circle_names,
    circles_matching,
    circles_of,
    first_day,
    last_day,
    overall,
    select,
    tally,
    totals,
    year_on_year,
)
from circle_tui.core.text import control_problem, escape_controls
from circle_tui.errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE, UserError
from circle_tui.i18n import N_, _, ngettext, number
from circle_tui.settings import Paths

if TYPE_CHECKING:
    from circle_tui.storage.attendance import AttendanceLog

#: A file of ten thousand bad rows needs its first few problems, not ten thousand lines.
SHOWN_PROBLEMS = 20
T = TypeVar("T")


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "attendance",
        help=_("list attendance counts, sum them up, add a session, export, import, report"),
    )
    _add_filters(parser)
    _add_format(parser)
    parser.set_defaults(run=run_list)
    actions = parser.add_subparsers(dest="attendance_command", metavar="ACTION")

    summary = actions.add_parser(
        "summary",
        help=_(
            "per month, year, circle or weekday: sessions, attendances, average, "
            "first-timers, returning and the share who came back"
        ),
    )
    summary.add_argument("--by", choices=GROUPINGS, default="month", help=_("default: month"))
    _add_filters(summary, argparse.SUPPRESS)
    _add_format(summary, argparse.SUPPRESS)
    summary.set_defaults(run=run_summary)

    compare = actions.add_parser(
        "compare",
        help=_(
            "this year so far against the same days of the year before (--since and "
            "--until choose another stretch of up to a year)"
        ),
    )
    _add_filters(compare, argparse.SUPPRESS)
    _add_format(compare, argparse.SUPPRESS)
    compare.set_defaults(run=run_compare)

    add = actions.add_parser("add", help=_("add a session held without the laptop"))
    add.add_argument("--circle", required=True, metavar="NAME", help=_("the circle's name"))
    add.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    add.add_argument("--started", metavar="HH:MM", help=_("default: the circle's usual start time"))
    add.add_argument("--ended", metavar="HH:MM", default="")
    add.add_argument("--present", required=True, type=_whole_number, metavar="N")
    add.add_argument("--newcomers", required=True, type=_whole_number, metavar="M")
    add.add_argument(
        "--returning",
        type=_whole_number,
        metavar="K",
        help=_("here for the second time (leave out if nobody counted them)"),
    )
    add.set_defaults(run=run_add)

    importer = actions.add_parser(
        "import",
        help=_(
            "merge a JSON or CSV export from another laptop or folder (same id: skipped, "
            "unless here only as an unfinished draft, which it finishes)"
        ),
    )
    importer.add_argument(
        "file", help=_("a file written by `circle-tui attendance --format json|csv`")
    )
    importer.add_argument(
        "--keep-both",
        action="store_true",
        help=_(
            "add sessions that look like one already here (the same circle and date, a "
            "start within {minutes} minutes) instead of leaving them out"
        ).format(minutes=SAME_START_MINUTES),
    )
    importer.add_argument(
        "--date-order",
        choices=("dmy", "mdy"),  # storage/exchange.py reads them
        help=_(
            "for dates like 03/04/2026 when no day above 12 tells: dmy (day first) or mdy "
            "(month first)"
        ),
    )
    importer.set_defaults(run=run_import)

    report = actions.add_parser(
        "report",
        help=_(
            "a one-page summary with charts, a month table and this year against the last, "
            "to share: FILE.html or FILE.png"
        ),
    )
    report.add_argument("file", metavar="FILE", help=_("ends in .html or .png"))
    _add_filters(report, argparse.SUPPRESS)
    report.set_defaults(run=run_report)


def _add_filters(parser: argparse.ArgumentParser, default: object = None) -> None:
    """The same filters before or after the action. An action's own defaults are SUPPRESS:
    argparse lets them overwrite what was given before it (`attendance --circle X summary`)."""
    parser.add_argument(
        "--circle",
        default=default,
        help=_("only this circle (any case, or the start of its name)"),
    )
    parser.add_argument(
        "--since", default=default, metavar="YYYY-MM[-DD]", help=_("sessions on or after this")
    )
    parser.add_argument(
        "--until", default=default, metavar="YYYY-MM[-DD]", help=_("sessions on or before this")
    )


def _add_format(parser: argparse.ArgumentParser, default: object = "table") -> None:
    parser.add_argument("--format", choices=("table", "csv", "json"), default=default)
    parser.add_argument(
        "--excel",
        action="store_true",
        default=False if default is not argparse.SUPPRESS else argparse.SUPPRESS,
        help=_(
            "CSV as spreadsheets that write decimal commas open it (Spanish, French, German…): "
            "a byte-order mark, ; between cells"
        ),
    )


def _format(args: argparse.Namespace) -> str:
    """The output's form: --excel is CSV (a table or JSON cannot be both)."""
    if not getattr(args, "excel", False):
        if args.format == "csv" and number(1.5, 1)[1] == ",":
            say(
                "circle-tui: "
                + _("tip: --excel writes CSV as spreadsheets in your language open it"),
                err=True,
            )
        return args.format
    if args.format == "json":
        raise UserError(_("--excel writes CSV; leave out --format json"))
    return "csv"


def _whole_number(text: str) -> int:
    if not text.strip().isdigit() or not text.strip().isascii():
        raise argparse.ArgumentTypeError(
            _("expected a whole number, got {value}").format(value=repr(text))
        )
    return int(text)


# -- reading and filtering -----------------------------------------------------------------------
def _read_log(paths: Paths) -> AttendanceLog:
    from circle_tui.storage.atomic import DamagedFile
    from circle_tui.storage.attendance import AttendanceLog, NewerSchema

    try:
        return AttendanceLog.read_only(paths.data_dir)
    except NewerSchema:
        raise
    except DamagedFile as err:
        raise UserError(
            _(
                "{file}: cannot be read ({why}); start circle-tui once to set it aside "
                "safely, then import any export you have"
            ).format(file=err.path, why=err.reason)
        ) from None


@dataclass(frozen=True)
class Selection:
    """The sessions the filters chose, and what to tell a host when there are none."""

    records: list[AttendanceRecord]
    circle: str | None
    since: str | None
    until: str | None
    stored: list[AttendanceRecord]

    def describe(self) -> str:
        """`Tuesday circle · 2025-01-01 to 2025-06-30`, in the host's words."""
        circle = self.circle or _("all circles")
        if self.since and self.until:
            when = _("{since} to {until}").format(since=self.since, until=self.until)
        elif self.since:
            when = _("from {since}").format(since=self.since)
        elif self.until:
            when = _("until {until}").format(until=self.until)
        else:
            when = _("all dates")
        return f"{circle} · {when}"

    def nothing_found(self) -> str:
        """Not just "nothing": how many sessions are stored, when, and of which circles."""
        if not self.stored:
            return _("No sessions recorded yet.")
        return (
            _("No sessions match ({filters}).").format(filters=self.describe())
            + " "
            + _what_is_stored(self.stored)
        )


def _what_is_stored(stored: Sequence[AttendanceRecord]) -> str:
    circles = circles_of(stored)
    first, last = min(r.date for r in stored), max(r.date for r in stored)
    return _("{sessions} stored, from {first} to {last}, of {circles}: {names}.").format(
        sessions=counted(len(stored), "session"),
        first=first,
        last=last,
        circles=counted(len(circles), "circle"),
        names=", ".join(circles),
    )


def _period(value: str | None, flag: str) -> str | None:
    """--since YYYY-MM is the month's first day, --until YYYY-MM its last."""
    if value is None:
        return None
    try:
        return first_day(value) if flag == "--since" else last_day(value)
    except NoSuchDay:
        raise UserError(_no_such_day(flag, value)) from None
    except ValueError:
        raise UserError(
            f"{flag} {value!r}: " + _("expected a month as YYYY-MM or a day as YYYY-MM-DD")
        ) from None


def _no_such_day(flag: str, text: str) -> str:
    """A day in the right form that the calendar has not (30 February), said so rather than
    asking for the form it is already in."""
    return f"{flag}: " + _("{value} is no day of the calendar").format(value=repr(text))


def selection(args: argparse.Namespace, paths: Paths) -> Selection:
    since, until = _period(args.since, "--since"), _period(args.until, "--until")
    if since and until and since > until:
        raise UserError(
            _("--since {since} is after --until {until}").format(since=args.since, until=args.until)
        )
    log = _read_log(paths)
    stored = log.records()
    circle = _one_circle(args.circle, stored) if args.circle is not None and stored else None
    records = log.select(None if circle is None else [circle], since, until)
    return Selection(records, circle or args.circle, since, until, stored)


def _one_circle(query: str, stored: Sequence[AttendanceRecord]) -> str:
    found = circles_matching(query, circles_of(stored))
    if len(found) == 1:
        return found[0]
    if found:
        raise UserError(
            _("--circle {query} could be {circles}; give more of the name").format(
                query=repr(query), circles=_(" or ").join(found)
            )
        )
    raise UserError(
        _("--circle {query} matches no circle.").format(query=repr(query))
        + " "
        + _what_is_stored(stored)
    )


def _say_nothing_found(chosen: Selection, fmt: str) -> None:
    """On the table itself; beside a CSV or JSON export, on stderr, so the file stays data."""
    say(chosen.nothing_found(), err=fmt != "table")


# -- the listing -------------------------------------------------------------------------------
def run_list(args: argparse.Namespace, paths: Paths) -> int:
    fmt = _format(args)
    chosen = selection(args, paths)
    records = chosen.records
    if fmt == "json":
        from circle_tui.storage.exchange import json_text

        write_data(json_text(records))
    elif fmt == "csv":
        from circle_tui.storage.exchange import csv_text

        write_data(csv_text(records, excel=args.excel))
    elif records:
        # One write: quicker than a line at a time. Each circle under its one name.
        say("".join(table_lines(records, circle_names(chosen.stored))), end="")
    if not records:
        _say_nothing_found(chosen, fmt)
    return EXIT_OK


def table_lines(records: list[AttendanceRecord], names: Mapping[str, str]) -> Iterator[str]:
    """The host's table, a line at a time, with the totals last; each circle by its name in
    `names` (`circle_names`: one spelling for one circle, however a session typed it)."""
    _id, circles, dates, started, ended, present, newcomers, status, returning, _schema = zip(
        *records, strict=True
    )
    # A tab or line break in a name (hand-edited logs) would break the table's lines.
    shown = {name: escape_controls(names.get(circle_key(name), name)) for name in set(circles)}
    if any(name != seen for name, seen in shown.items()):  # almost never: skip the copy
        circles = tuple(map(shown.__getitem__, circles))
    headings = [_("date"), _("circle"), _("present"), _("new"), _("returning"), _("minutes")]
    # The columns as wide as their heading in the host's language, at least as in English.
    w_date, width, w_present, w_new, w_back, w_minutes = (
        max(least, len(h)) for least, h in zip((10, 6, 7, 4, 9, 7), headings, strict=True)
    )
    width = max(width, *map(len, set(circles)))
    yield (
        f"{headings[0]:<{w_date}}  {headings[1]:<{width}}  {headings[2]:>{w_present}}  "
        f"{headings[3]:>{w_new}}  {headings[4]:>{w_back}}  {headings[5]:>{w_minutes}}  "
        f"{_('status')}\n"
    )
    # Circle names, counts, times and statuses repeat session after session: each distinct
    # value is made into its cell once, and a line is a join of ready cells.
    spans = list(map(operator.add, started, ended))
    minutes = {}
    for span in set(spans):
        value = minutes_between(span[:5], span[5:])
        minutes[span] = f"{'' if value is None else value:>{w_minutes}}"
    back = {n: f"{NOT_COUNTED if n is None else n:>{w_back}}" for n in set(returning)}
    words = {status: status_word(status) + "\n" for status in STATUS_WORDS}
    yield from map(
        "  ".join,
        zip(
            _cells(dates, f"%-{w_date}s"),
            _cells(circles, f"%-{width}s"),
            _cells(present, f"%{w_present}d"),
            _cells(newcomers, f"%{w_new}d"),
            map(back.__getitem__, returning),
            map(minutes.__getitem__, spans),
            map(words.__getitem__, status),
            strict=True,
        ),
    )
    yield totals(records) + "\n"


def _cells(values: Sequence[object], spec: str) -> map:
    cell = {value: spec % value for value in set(values)}
    return map(cell.__getitem__, values)


# -- summary -------------------------------------------------------------------------------------


def run_summary(args: argparse.Namespace, paths: Paths) -> int:
    fmt = _format(args)
    chosen = selection(args, paths)
    tallies = tally(chosen.records, args.by, circle_names(chosen.stored))
    rows = [t.row(args.by) for t in tallies]
    if fmt != "table":
        _write_rows(rows, [args.by, *ROW_FIELDS], fmt, args.excel)
    elif tallies:
        total = overall(chosen.records)
        lines = summary_lines(tallies, total, args.by, chosen.describe())
        say("".join(lines) + came_back(total) + ".", end="\n")
    if not tallies:
        _say_nothing_found(chosen, fmt)
    return EXIT_OK


def _write_rows(rows: list[dict[str, object]], header: list[str], fmt: str, excel: bool) -> None:
    if fmt == "json":
        import orjson

        write_data(
            orjson.dumps(rows, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode()
        )
    else:
        from circle_tui.storage.exchange import csv_table

        write_data(csv_table(header, [list(row.values()) for row in rows], excel=excel))


#: The grouping as the summary's first heading says it.
BY_WORDS = {
    "month": N_("month"),
    "year": N_("year"),
    "circle": N_("circle"),
    "weekday": N_("weekday"),
}


def _group(group: str, by: str) -> str:
    """A weekday in the host's language; months and circles as they are."""
    return _(group) if by == "weekday" else group


def summary_lines(tallies: list[Tally], total: Tally, by: str, title: str) -> Iterator[str]:
    """The summary as a table a host reads: a title, a line per group, the totals last."""
    headings = (_(BY_WORDS[by]), *map(_, CELL_HEADINGS))
    table = [
        headings,
        *((_group(t.group, by), *t.cells()) for t in tallies),
        (_("all"), *total.cells()),
    ]
    widths = [max(map(len, column)) for column in zip(*table, strict=True)]
    yield _("By {grouping} · {filters}").format(grouping=_(BY_WORDS[by]), filters=title) + "\n"
    for row in table:
        cells = [
            f"{row[0]:<{widths[0]}}",
            *(f"{c:>{w}}" for c, w in zip(row[1:], widths[1:], strict=True)),
        ]
        yield "  ".join(cells) + "\n"


# -- this year against the last -------------------------------------------------------------------
def comparison(args: argparse.Namespace, chosen: Selection) -> YearOnYear | None:
    """This year against the same days of the last, for the chosen circle: up to --until (or
    the latest session chosen), from --since if that is within a year, else 1 January.
    None when neither year has a session."""
    circle = [chosen.circle] if args.circle is not None and chosen.circle else None
    records = select(chosen.stored, circle)
    if not chosen.records:
        return None
    until = date.fromisoformat(chosen.until or chosen.records[-1].date)
    since = date.fromisoformat(chosen.since) if chosen.since else None
    try:
        found = year_on_year(records, until, since)
    except ValueError:
        found = year_on_year(records, until)  # a longer stretch: this year of it
    return found if found.this.sessions or found.last.sessions else None


def run_compare(args: argparse.Namespace, paths: Paths) -> int:
    fmt = _format(args)
    chosen = selection(args, paths)
    if chosen.since and chosen.until:
        try:
            year_on_year([], date.fromisoformat(chosen.until), date.fromisoformat(chosen.since))
        except ValueError:
            raise UserError(
                _(
                    "--since {since} to --until {until} is a year or more; compare takes up "
                    "to a year, against the same days of the year before"
                ).format(since=chosen.since, until=chosen.until)
            ) from None
    found = comparison(args, chosen)
    if found is None:
        _say_nothing_found(chosen, fmt)
        if fmt != "table":
            _write_rows([], ["year", "since", "until", *ROW_FIELDS], fmt, args.excel)
        return EXIT_OK
    spans = (
        (found.last, found.last_since, found.last_until),
        (found.this, found.since, found.until),
    )
    if fmt != "table":
        rows = [
            {"year": int(t.group), "since": a.isoformat(), "until": b.isoformat(), **t.row("_")}
            for t, a, b in spans
        ]
        for row in rows:
            del row["_"]
        _write_rows(rows, ["year", "since", "until", *ROW_FIELDS], fmt, args.excel)
        return EXIT_OK
    circle = chosen.circle if args.circle is not None and chosen.circle else _("all circles")
    title = _("{this} against {last} · {circle}").format(
        this=_("{since} to {until}").format(since=found.since, until=found.until),
        last=_("{since} to {until}").format(since=found.last_since, until=found.last_until),
        circle=circle,
    )
    say("".join(compare_lines(found, title)), end="")
    return EXIT_OK


def compare_lines(found: YearOnYear, title: str) -> Iterator[str]:
    """The comparison as a host reads it: a line per figure, last year, this year and the
    change, then what came back in each year with its basis."""
    last, this = found.last, found.this
    figures = [
        (_("sessions"), last.sessions, this.sessions),
        (_("attendances"), last.attendances, this.attendances),
        (_("first-timers"), last.first_timers, this.first_timers),
    ]
    table = [("", last.group, this.group, _("change"))]
    table += [(n, number(a), number(b), change(b, a)) for n, a, b in figures]
    average = (_("average"), average_cell(last), average_cell(this), average_change(this, last))
    table.insert(3, average)
    if last.returning is not None and this.returning is not None:
        table.append(
            (
                _("returning"),
                number(last.returning),
                number(this.returning),
                change(this.returning, last.returning),
            )
        )
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    yield title + "\n"
    for row in table:
        yield (
            f"{row[0]:<{widths[0]}}  "
            + "  ".join(f"{cell:>{w}}" for cell, w in zip(row[1:], widths[1:], strict=True))
            + "\n"
        )
    for t in (last, this):
        yield f"{t.group}: {came_back(t)}\n"


# -- a session held without the laptop ---------------------------------------------------------------
def run_add(args: argparse.Namespace, paths: Paths) -> int:
    import uuid

    from circle_tui.core.record import RecordError

    problem = control_problem(args.circle)
    if problem:  # as the settings and `import` refuse it: it would travel to every export
        raise UserError(f"--circle: {problem}")
    stored = _read_log(paths).records()
    circle = known_spelling(args.circle, circles_of(stored))
    day = _day_given(args.date)
    started = args.started or _usual_start(circle, stored)
    try:
        record = AttendanceRecord(
            id=str(uuid.uuid4()),
            circle=circle,
            date=day,
            started=started,
            ended=args.ended,
            present=args.present,
            newcomers=args.newcomers,
            status="complete",
            returning=args.returning,
        )
    except RecordError as err:
        given = getattr(args, err.field, None)
        raise UserError(f"--{err.field} {given!r}: {err.problem}") from None  # translated
    if (record.minutes() or 0) > MAX_SESSION_HOURS * 60:
        raise UserError(
            _(
                "--ended {ended} is before --started {started}: give the time the circle ended "
                "(past midnight is fine)"
            ).format(ended=record.ended, started=record.started)
        )

    today = date.today().isoformat()

    def write(log: AttendanceLog) -> int:
        # The rules of import, for one typed row: refused in the future, left out as likely
        # the same session as one here.
        plan = plan_import(log.records(), [record], today=today, typed={record.id})
        if plan.refused:
            raise UserError(
                _("--date {day} is in the future; add a session once it has been held").format(
                    day=day
                )
            )
        if plan.same:
            say(
                "circle-tui: "
                + _(
                    "not added: likely already stored as {session} (the same circle and date, "
                    "a start within {minutes} minutes); correct that one in the review screen "
                    "instead"
                ).format(session=session_words(plan.same[0].here), minutes=SAME_START_MINUTES),
                err=True,
            )
            return EXIT_FAILED
        log.save(record)
        return EXIT_OK

    if _writing(paths, write) != EXIT_OK:
        return EXIT_FAILED
    notes = [] if args.started else [_("the circle's usual start; --started to give another")]
    if not any(circle_key(r.circle) == circle_key(circle) for r in stored):
        notes.append(_("a circle not seen before"))
    say(
        _("added: {session}").format(session=session_words(record))
        + "".join(f" ({note})" for note in notes)
    )
    return EXIT_OK


def session_words(record: AttendanceRecord) -> str:
    """One session in a host's words, for reports of what was added or left out."""
    back = (
        _("returning not counted")
        if record.returning is None
        else ngettext("{n} returning", "{n} returning", record.returning).format(
            n=number(record.returning)
        )
    )
    return _("{circle}, {date} at {time}: {present} present, {first_timers}, {back}").format(
        circle=record.circle,
        date=record.date,
        time=record.started,
        present=number(record.present),
        first_timers=counted(record.newcomers, "first-timer"),
        back=back,
    )


def _day_given(text: str) -> str:
    try:
        day = first_day(text)
    except NoSuchDay:
        raise UserError(_no_such_day("--date", text)) from None
    except ValueError:
        raise UserError(f"--date {text!r}: " + _("expected a day as YYYY-MM-DD")) from None
    if len(text.strip()) != 10:
        raise UserError(f"--date {text!r}: " + _("expected a day as YYYY-MM-DD, not a month"))
    return day


def _usual_start(circle: str, stored: Sequence[AttendanceRecord]) -> str:
    starts = Counter(r.started for r in stored if circle_key(r.circle) == circle_key(circle))
    if not starts:
        raise UserError(
            "--started: "
            + _(
                "{circle} has no sessions yet to take its usual start time from; "
                "give --started HH:MM"
            ).format(circle=repr(circle))
        )
    return starts.most_common(1)[0][0]


def _writing(paths: Paths, change: Callable[[AttendanceLog], T]) -> T:
    """Run `change(log)` holding the writer lock: never beside a running circle's writes."""
    from circle_tui.storage.attendance import AttendanceLog
    from circle_tui.storage.lock import AlreadyRunning, WriterLock

    try:
        with WriterLock(paths.data_dir):
            log, aside = AttendanceLog.open(paths.data_dir)
            if aside:
                say(aside.message(), err=True)
            try:
                return change(log)
            finally:
                log.close()
    except AlreadyRunning as err:
        raise UserError(str(err)) from None


# -- import --------------------------------------------------------------------------------------
def run_import(args: argparse.Namespace, paths: Paths) -> int:
    from circle_tui.reading import UnusableFile, read_regular_file
    from circle_tui.storage.exchange import MAX_IMPORT_BYTES, apply_import, parse_export

    path = Path(args.file)
    try:
        data = read_regular_file(path, MAX_IMPORT_BYTES)
    except UnusableFile as err:
        raise UserError(
            f"{path}: "
            + _("{why}; import a file written by `circle-tui attendance`").format(why=err.reason)
        ) from None
    except OSError as err:
        raise UserError(
            f"{path}: " + _("cannot be read ({why})").format(why=err.strerror)
        ) from None
    parsed = parse_export(data, str(path), args.date_order)
    today = date.today().isoformat()
    if parsed.problems:  # rows typed ahead told with the rest: a sheet fixed in one go
        ahead = [
            f"{path}:{parsed.lines[r.id]}: " + _dated_ahead(r)
            for r in parsed.records
            if typed_ahead(r, parsed.made, today)
        ]
        told = sorted([*parsed.problems, *ahead], key=lambda line: _line_of(line, path))
        return _refuse_file(told, path)

    def merge(log: AttendanceLog) -> tuple[ImportPlan, int]:
        plan = plan_import(
            log.records(),
            parsed.records,
            today=today,
            typed=parsed.made.keys(),
            keep_both=args.keep_both,
        )
        return plan, 0 if plan.refused else apply_import(log, plan)

    plan, imported = _writing(paths, merge)
    if plan.refused:
        return _refuse_file(
            [f"{path}:{parsed.lines[r.id]}: " + _dated_ahead(r) for r in plan.refused], path
        )
    say("\n".join(import_lines(plan, imported, path, parsed.lines)))
    return EXIT_OK


def _dated_ahead(record: AttendanceRecord) -> str:
    return _("date {day} is in the future; fix the row, or add it once it has been held").format(
        day=record.date
    )


def _line_of(told: str, path: Path) -> int:
    """The line a `FILE:LINE: …` problem names (0 for a problem of the whole file)."""
    digits = told[len(f"{path}:") :].split(":", 1)[0]
    return int(digits) if digits.isdigit() else 0


def _refuse_file(problems: list[str], path: Path) -> int:
    for problem in problems[:SHOWN_PROBLEMS]:
        say(problem, err=True)
    if len(problems) > SHOWN_PROBLEMS:
        say(_("… and {n} more").format(n=number(len(problems) - SHOWN_PROBLEMS)), err=True)
    say(
        "circle-tui: "
        + _("nothing imported: {problems} in {file}").format(
            problems=counted(len(problems), "problem"), file=path
        ),
        err=True,
    )
    return EXIT_USAGE


def import_lines(plan: ImportPlan, imported: int, path: Path, lines: dict[str, int]) -> list[str]:
    """What an import did, for a host: each session left out, kept twice, corrected
    elsewhere or dated ahead, by its line in the file, then the counts."""
    said = []

    def where(record: AttendanceRecord) -> str:
        return f"{path}:{lines[record.id]}: "

    for match in plan.likely_same:
        said.append(where(match.incoming) + _("not added: ") + _likely_same(match, lines))
    for match in plan.kept_both:
        said.append(where(match.incoming) + _("added (--keep-both): ") + _likely_same(match, lines))
    for match in plan.corrected:
        ours = match.here
        said.append(
            where(match.incoming)
            + _(
                "{circle}, {date} at {time} differs: the file has {changes}. The one here "
                "is kept; if the file is right, correct it in the review screen"
            ).format(
                circle=ours.circle,
                date=ours.date,
                time=ours.started,
                changes=changes_words(match.differences),
            )
        )
    for match in plan.same_day:
        if match.earlier_in_file:
            beside = _("added, though line {line} is {session}, {minutes} min apart").format(
                line=lines[match.here.id],
                session=session_words(match.here),
                minutes=match.minutes_apart,
            )
        else:
            beside = _("added, though the log has {session}, {minutes} min apart").format(
                session=session_words(match.here), minutes=match.minutes_apart
            )
        said.append(
            where(match.incoming)
            + beside
            + ". "
            + _("If both are one night, delete one in the review screen")
        )
    for record in plan.future:
        said.append(
            where(record)
            + _(
                "{circle}, {date} is dated after today (that laptop's clock may be wrong); "
                "imported as the file has it"
            ).format(circle=record.circle, date=record.date)
        )
    skipped = len(plan.already_here) + len(plan.corrected)
    summary = (
        ngettext(
            "imported {n} session from {file}", "imported {n} sessions from {file}", imported
        ).format(n=number(imported), file=path)
        + "; "
        + ngettext("skipped {n} already here", "skipped {n} already here", skipped).format(
            n=number(skipped)
        )
    )
    if plan.likely_same:
        summary += "; " + ngettext(
            "{n} likely duplicate not added (--keep-both adds it)",
            "{n} likely duplicates not added (--keep-both adds them)",
            len(plan.likely_same),
        ).format(n=number(len(plan.likely_same)))
    return [*said, summary]


def _likely_same(match: Match, lines: dict[str, int]) -> str:
    """`likely the same session as …`: the one here, or an earlier line of the file, and
    how they differ."""
    if match.earlier_in_file:
        said = _("likely the same session as line {line} ({session})").format(
            line=lines[match.here.id], session=session_words(match.here)
        )
    else:
        said = _("likely the same session as {session}").format(session=session_words(match.here))
    if match.differences:
        said += "; " + _("the file has {changes}").format(changes=changes_words(match.differences))
    return said


def changes_words(differences: Sequence[Difference]) -> str:
    """`present 10 (9 here), ended 21:15 (21:00 here)`."""

    def shown(value: object) -> object:
        return NOT_COUNTED if value is None else value

    return ", ".join(
        _("{field} {theirs} ({ours} here)").format(
            field=d.field, theirs=shown(d.theirs), ours=shown(d.ours)
        )
        for d in differences
    )


# -- report --------------------------------------------------------------------------------------
def run_report(args: argparse.Namespace, paths: Paths) -> int:
    target = Path(args.file)
    kind = target.suffix.lower()
    if kind not in (".html", ".png"):
        raise UserError(f"{target}: " + _("expected a file name ending in .html or .png"))
    chosen = selection(args, paths)
    if not chosen.records:
        raise UserError(chosen.nothing_found() + " " + _("Nothing to report."))
    from circle_tui.report import report_bytes
    from circle_tui.storage.atomic import write_bytes_atomic

    payload = report_bytes(
        kind,
        chosen.records,
        chosen.describe(),
        compared=comparison(args, chosen),
        names=circle_names(chosen.stored),
    )
    # As every file of ours (temp + fsync + replace, 0600, a link replaced, not followed); the
    # folder must exist: a mistyped one is an error, not a new folder.
    write_bytes_atomic(target, payload, make_folder=False)
    say(_("wrote {file}: {totals}").format(file=target, totals=totals(chosen.records)))
    return EXIT_OK
