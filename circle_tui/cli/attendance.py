"""`circle-tui attendance`: list, sum up, add, export, import and report the attendance counts."""

from __future__ import annotations

import argparse
import operator
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from circle_tui.cli.output import say, write_data
from circle_tui.config import Paths
from circle_tui.core.record import STATUS_WORDS, AttendanceRecord, counted, minutes_between
from circle_tui.core.summary import (
    CELL_HEADINGS,
    GROUPINGS,
    NOT_COUNTED,
    ROW_FIELDS,
    Tally,
    circles_matching,
    circles_spelled,
    first_day,
    last_day,
    overall,
    select,
    tally,
    totals,
)
from circle_tui.errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE, UserError

if TYPE_CHECKING:
    from circle_tui.storage.attendance import AttendanceLog

#: A file of ten thousand bad rows needs its first few problems, not ten thousand lines.
SHOWN_PROBLEMS = 20


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "attendance",
        help="list attendance counts, sum them up, add a session, export, import, report",
    )
    _add_filters(parser)
    _add_format(parser)
    parser.set_defaults(run=run_list)
    actions = parser.add_subparsers(dest="attendance_command", metavar="ACTION")

    summary = actions.add_parser(
        "summary",
        help="per month, circle or weekday: sessions, attendances, average, first-timers, "
        "returning and the share who came back",
    )
    summary.add_argument("--by", choices=GROUPINGS, default="month", help="default: month")
    _add_filters(summary, argparse.SUPPRESS)
    _add_format(summary, argparse.SUPPRESS)
    summary.set_defaults(run=run_summary)

    add = actions.add_parser("add", help="add a session held without the laptop")
    add.add_argument("--circle", required=True, metavar="NAME", help="the circle's name")
    add.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    add.add_argument("--started", metavar="HH:MM", help="default: the circle's usual start time")
    add.add_argument("--ended", metavar="HH:MM", default="")
    add.add_argument("--present", required=True, type=_whole_number, metavar="N")
    add.add_argument("--newcomers", required=True, type=_whole_number, metavar="M")
    add.add_argument(
        "--returning",
        type=_whole_number,
        metavar="K",
        help="here for the second time (leave out if nobody counted them)",
    )
    add.set_defaults(run=run_add)

    importer = actions.add_parser(
        "import",
        help="merge a JSON or CSV export from another laptop or folder (same id: skipped, "
        "unless here only as an unfinished draft, which it finishes)",
    )
    importer.add_argument(
        "file", help="a file written by `circle-tui attendance --format json|csv`"
    )
    importer.set_defaults(run=run_import)

    report = actions.add_parser(
        "report", help="a one-page summary with charts to share: FILE.html or FILE.png"
    )
    report.add_argument("file", metavar="FILE", help="ends in .html or .png")
    _add_filters(report, argparse.SUPPRESS)
    report.set_defaults(run=run_report)


def _add_filters(parser: argparse.ArgumentParser, default: object = None) -> None:
    """The same filters before or after the action. An action's own defaults are SUPPRESS:
    argparse lets them overwrite what was given before it (`attendance --circle X summary`)."""
    parser.add_argument(
        "--circle", default=default, help="only this circle (any case, or the start of its name)"
    )
    parser.add_argument(
        "--since", default=default, metavar="YYYY-MM[-DD]", help="sessions on or after this"
    )
    parser.add_argument(
        "--until", default=default, metavar="YYYY-MM[-DD]", help="sessions on or before this"
    )


def _add_format(parser: argparse.ArgumentParser, default: object = "table") -> None:
    parser.add_argument("--format", choices=("table", "csv", "json"), default=default)


def _whole_number(text: str) -> int:
    if not text.strip().isdigit() or not text.strip().isascii():
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}")
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
            f"{err.path}: cannot be read ({err.reason}); start circle-tui once to set it aside "
            "safely, then import any export you have"
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
        circle = self.circle or "all circles"
        if self.since and self.until:
            return f"{circle} · {self.since} to {self.until}"
        if self.since or self.until:
            return f"{circle} · {'from ' + self.since if self.since else 'until ' + self.until}"
        return f"{circle} · all dates"

    def nothing_found(self) -> str:
        """Not just "nothing": how many sessions are stored, when, and of which circles."""
        if not self.stored:
            return "No sessions recorded yet."
        return f"No sessions match ({self.describe()}). " + _what_is_stored(self.stored)


def _what_is_stored(stored: Sequence[AttendanceRecord]) -> str:
    circles = sorted({r.circle for r in stored}, key=str.casefold)
    first, last = min(r.date for r in stored), max(r.date for r in stored)
    return (
        f"{counted(len(stored), 'session')} stored, from {first} to {last}, of "
        f"{counted(len(circles), 'circle')}: {', '.join(circles)}."
    )


def _period(value: str | None, flag: str) -> str | None:
    """--since YYYY-MM is the month's first day, --until YYYY-MM its last."""
    if value is None:
        return None
    try:
        return first_day(value) if flag == "--since" else last_day(value)
    except ValueError:
        raise UserError(
            f"{flag} {value!r}: expected a month as YYYY-MM or a day as YYYY-MM-DD"
        ) from None


def selection(args: argparse.Namespace, paths: Paths) -> Selection:
    since, until = _period(args.since, "--since"), _period(args.until, "--until")
    if since and until and since > until:
        raise UserError(f"--since {args.since} is after --until {args.until}")
    stored = _read_log(paths).records()
    circle = _one_circle(args.circle, stored) if args.circle is not None and stored else None
    records = select(stored, None if circle is None else [circle], since, until)
    return Selection(records, circle or args.circle, since, until, stored)


def _one_circle(query: str, stored: Sequence[AttendanceRecord]) -> str:
    names = {r.circle for r in stored}
    found = circles_matching(query, names)
    if len(found) == 1:
        return found[0]
    if found:
        raise UserError(f"--circle {query!r} could be {' or '.join(found)}; give more of the name")
    raise UserError(f"--circle {query!r} matches no circle. " + _what_is_stored(stored))


def _say_nothing_found(chosen: Selection, fmt: str) -> None:
    """On the table itself; beside a CSV or JSON export, on stderr, so the file stays data."""
    say(chosen.nothing_found(), err=fmt != "table")


# -- the listing -------------------------------------------------------------------------------
def run_list(args: argparse.Namespace, paths: Paths) -> int:
    chosen = selection(args, paths)
    records = chosen.records
    if args.format == "json":
        from circle_tui.storage.exchange import json_text

        write_data(json_text(records))
    elif args.format == "csv":
        from circle_tui.storage.exchange import csv_text

        write_data(csv_text(records))
    elif records:
        say("".join(table_lines(records)), end="")  # one write: quicker than a line at a time
    if not records:
        _say_nothing_found(chosen, args.format)
    return EXIT_OK


def table_lines(records: list[AttendanceRecord]) -> Iterator[str]:
    """The host's table, a line at a time, with the totals last."""
    _, circles, dates, started, ended, present, newcomers, status, returning, _ = zip(
        *records, strict=True
    )
    width = max(6, *map(len, set(circles)))
    yield (
        f"{'date':<10}  {'circle':<{width}}  {'present':>7}  {'new':>4}  {'returning':>9}  "
        f"{'minutes':>7}  status\n"
    )
    # Circle names, counts, times and statuses repeat session after session: each distinct
    # value is made into its cell once, and a line is a join of ready cells.
    spans = list(map(operator.add, started, ended))
    minutes = {}
    for span in set(spans):
        value = minutes_between(span[:5], span[5:])
        minutes[span] = f"{'' if value is None else value:>7}"
    back = {n: f"{NOT_COUNTED if n is None else n:>9}" for n in set(returning)}
    words = {status: word + "\n" for status, word in STATUS_WORDS.items()}
    yield from map(
        "  ".join,
        zip(
            dates,
            _cells(circles, f"%-{width}s"),
            _cells(present, "%7d"),
            _cells(newcomers, "%4d"),
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
    chosen = selection(args, paths)
    tallies = tally(chosen.records, args.by)
    rows = [t.row(args.by) for t in tallies]
    if args.format == "json":
        import orjson

        write_data(
            orjson.dumps(rows, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode()
        )
    elif args.format == "csv":
        from circle_tui.storage.exchange import csv_table

        write_data(csv_table([args.by, *ROW_FIELDS], [list(row.values()) for row in rows]))
    elif tallies:
        lines = summary_lines(tallies, overall(chosen.records), args.by, chosen.describe())
        say("".join(lines), end="")
    if not tallies:
        _say_nothing_found(chosen, args.format)
    return EXIT_OK


def summary_lines(tallies: list[Tally], total: Tally, by: str, title: str) -> Iterator[str]:
    """The summary as a table a host reads: a title, a line per group, the totals last."""
    table = [(by, *CELL_HEADINGS), *((t.group, *t.cells()) for t in [*tallies, total])]
    widths = [max(map(len, column)) for column in zip(*table, strict=True)]
    yield f"By {by} · {title}\n"
    for row in table:
        cells = [
            f"{row[0]:<{widths[0]}}",
            *(f"{c:>{w}}" for c, w in zip(row[1:], widths[1:], strict=True)),
        ]
        yield "  ".join(cells) + "\n"


# -- a session held without the laptop ---------------------------------------------------------------
def run_add(args: argparse.Namespace, paths: Paths) -> int:
    import uuid

    from circle_tui.core.record import RecordError

    stored = _read_log(paths).records()
    circle = _known_spelling(args.circle, {r.circle for r in stored})
    day = _past_day(args.date)
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
        raise UserError(f"--{err.field} {given!r}: {err.problem}") from None

    def write(log: AttendanceLog) -> int:
        twin = likely_duplicates(log.records(), [record])
        if twin:
            say(
                f"circle-tui: not added: likely already stored as {twin[0][1]} (the same "
                "circle, date and start); correct that one in the review screen instead",
                err=True,
            )
            return EXIT_FAILED
        log.save(record)
        return EXIT_OK

    if _writing(paths, write) != EXIT_OK:
        return EXIT_FAILED
    notes = [] if args.started else ["the circle's usual start; --started to give another"]
    if not any(r.circle == circle for r in stored):
        notes.append("a circle not seen before")
    say(f"added: {session_words(record)}" + "".join(f" ({note})" for note in notes))
    return EXIT_OK


def session_words(record: AttendanceRecord) -> str:
    """One session in a host's words, for reports of what was added or left out."""
    back = "returning not counted" if record.returning is None else f"{record.returning} returning"
    return (
        f"{record.circle}, {record.date} at {record.started}: {record.present} present, "
        f"{counted(record.newcomers, 'first-timer')}, {back}"
    )


def _known_spelling(name: str, circles: set[str]) -> str:
    """A circle already in the log keeps its spelling, whatever the case or accents typed
    (a prefix is not enough here: a new circle may well start like an old one)."""
    same = circles_spelled(name, circles)
    return same[0] if len(same) == 1 else name.strip()


def _past_day(text: str) -> str:
    try:
        day = first_day(text)
    except ValueError:
        raise UserError(f"--date {text!r}: expected a day as YYYY-MM-DD") from None
    if len(text.strip()) != 10:
        raise UserError(f"--date {text!r}: expected a day as YYYY-MM-DD, not a month")
    if day > date.today().isoformat():
        raise UserError(f"--date {day} is in the future; add a session once it has been held")
    return day


def _usual_start(circle: str, stored: Sequence[AttendanceRecord]) -> str:
    starts = Counter(r.started for r in stored if r.circle == circle)
    if not starts:
        raise UserError(
            f"--started: {circle!r} has no sessions yet to take its usual start time from; "
            "give --started HH:MM"
        )
    return starts.most_common(1)[0][0]


def likely_duplicates(
    stored: Sequence[AttendanceRecord], incoming: Sequence[AttendanceRecord]
) -> list[tuple[AttendanceRecord, str]]:
    """Each incoming session that matches a stored (or earlier incoming) one by circle, date
    and start, with the one it matches described: the same session entered twice."""
    seen = {(r.circle, r.date, r.started): r for r in stored}
    twins = []
    for record in incoming:
        key = (record.circle, record.date, record.started)
        if key in seen:
            twins.append((record, session_words(seen[key])))
        else:
            seen[key] = record
    return twins


def _writing(paths: Paths, change) -> int:
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
    from circle_tui.storage.exchange import MAX_IMPORT_BYTES, parse_export
    from circle_tui.storage.reading import UnusableFile, read_regular_file

    path = Path(args.file)
    try:
        data = read_regular_file(path, MAX_IMPORT_BYTES)
    except UnusableFile as err:
        raise UserError(
            f"{path}: {err.reason}; import a file written by `circle-tui attendance`"
        ) from None
    except OSError as err:
        raise UserError(f"{path}: cannot be read ({err.strerror})") from None
    records, problems, made = parse_export(data, str(path))
    if problems:
        for problem in problems[:SHOWN_PROBLEMS]:
            say(problem, err=True)
        if len(problems) > SHOWN_PROBLEMS:
            say(f"… and {len(problems) - SHOWN_PROBLEMS:,} more", err=True)
        say(
            f"circle-tui: nothing imported: {counted(len(problems), 'problem')} in {path}", err=True
        )
        return EXIT_USAGE
    said: list[str] = []

    def merge(log: AttendanceLog) -> int:
        # Rows typed in by hand have no id to match: the same circle, date and start is
        # taken as the same session, already here or earlier in the file.
        known = [*log.records(), *(r for r in records if r.id not in made)]
        circles = {r.circle for r in known}
        typed = [
            r._replace(circle=_known_spelling(r.circle, circles)) for r in records if r.id in made
        ]
        twins = likely_duplicates(known, typed)
        for record, twin in twins:
            said.append(f"{path}:{made[record.id]}: not added: likely the same session as {twin}")
        left_out = {record.id for record, _ in twins}
        incoming = [*(r for r in records if r.id not in made), *typed]
        added, skipped = log.merge(r for r in incoming if r.id not in left_out)
        said.append(
            f"imported {added:,} sessions from {path}; skipped {skipped:,} already here"
            + (f"; {counted(len(twins), 'likely duplicate')} not added" if twins else "")
        )
        return EXIT_OK

    _writing(paths, merge)
    say("\n".join(said))
    return EXIT_OK


# -- report --------------------------------------------------------------------------------------
def run_report(args: argparse.Namespace, paths: Paths) -> int:
    target = Path(args.file)
    kind = target.suffix.lower()
    if kind not in (".html", ".png"):
        raise UserError(f"{target}: expected a file name ending in .html or .png")
    chosen = selection(args, paths)
    if not chosen.records:
        raise UserError(chosen.nothing_found() + " Nothing to report.")
    from circle_tui.report import write_report

    write_report(target, chosen.records, chosen.describe())
    say(f"wrote {target}: {totals(chosen.records)}")
    return EXIT_OK
