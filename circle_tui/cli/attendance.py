"""`circle-tui attendance`: list, export and import the attendance counts."""

from __future__ import annotations

import argparse
import operator
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from circle_tui.cli.output import say, write_data
from circle_tui.config import Paths
from circle_tui.core.record import STATUS_WORDS, AttendanceRecord, counted, minutes_between, totals
from circle_tui.errors import EXIT_OK, EXIT_USAGE, UserError

#: A file of ten thousand bad rows needs its first few problems, not ten thousand lines.
SHOWN_PROBLEMS = 20


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "attendance", help="list attendance counts, export them, or import another laptop's export"
    )
    parser.add_argument("--circle", help="only this circle")
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="sessions on or after this date")
    parser.add_argument("--until", metavar="YYYY-MM-DD", help="sessions on or before this date")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table")
    parser.set_defaults(run=run_list)
    actions = parser.add_subparsers(dest="attendance_command", metavar="ACTION")
    importer = actions.add_parser(
        "import", help="merge a JSON or CSV export from another laptop (same id: skipped)"
    )
    importer.add_argument(
        "file", help="a file written by `circle-tui attendance --format json|csv`"
    )
    importer.set_defaults(run=run_import)


def _check_date(value: str | None, flag: str) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UserError(f"{flag} {value!r}: expected a date as YYYY-MM-DD") from None


def _read_log(paths: Paths):
    from circle_tui.storage.atomic import DamagedFile
    from circle_tui.storage.attendance import AttendanceLog

    try:
        return AttendanceLog.read_only(paths.data_dir)
    except DamagedFile as err:
        raise UserError(
            f"{err.path}: cannot be read ({err.reason}); start circle-tui once to set it aside "
            "safely, then import any export you have"
        ) from None


def run_list(args: argparse.Namespace, paths: Paths) -> int:
    circle = args.circle
    since, until = _check_date(args.since, "--since"), _check_date(args.until, "--until")
    records = _read_log(paths).records()
    if circle is not None or since is not None or until is not None:
        records = [
            r
            for r in records
            if (circle is None or r.circle == circle)
            and (since is None or r.date >= since)
            and (until is None or r.date <= until)
        ]
    if args.format == "json":
        from circle_tui.storage.exchange import json_text

        write_data(json_text(records))
    elif args.format == "csv":
        from circle_tui.storage.exchange import csv_text

        write_data(csv_text(records))
    else:
        say("".join(table_lines(records)), end="")  # one write: quicker than a line at a time
    return EXIT_OK


def table_lines(records: list[AttendanceRecord]) -> Iterator[str]:
    """The host's table, a line at a time, with the totals last."""
    if not records:
        yield "No sessions recorded yet.\n"
        return
    _, circles, dates, started, ended, present, newcomers, status, _ = zip(*records, strict=True)
    width = max(6, *map(len, set(circles)))
    yield f"{'date':<10}  {'circle':<{width}}  {'present':>7}  {'new':>4}  {'minutes':>7}  status\n"
    # Circle names, counts, times and statuses repeat session after session: each distinct
    # value is made into its cell once, and a line is a join of ready cells.
    spans = list(map(operator.add, started, ended))
    minutes = {}
    for span in set(spans):
        value = minutes_between(span[:5], span[5:])
        minutes[span] = f"{'' if value is None else value:>7}"
    words = {status: word + "\n" for status, word in STATUS_WORDS.items()}
    yield from map(
        "  ".join,
        zip(
            dates,
            _cells(circles, f"%-{width}s"),
            _cells(present, "%7d"),
            _cells(newcomers, "%4d"),
            map(minutes.__getitem__, spans),
            map(words.__getitem__, status),
            strict=True,
        ),
    )
    yield totals(records) + "\n"


def _cells(values: Sequence[object], spec: str) -> map:
    cell = {value: spec % value for value in set(values)}
    return map(cell.__getitem__, values)


def run_import(args: argparse.Namespace, paths: Paths) -> int:
    from circle_tui.storage.attendance import AttendanceLog
    from circle_tui.storage.exchange import MAX_IMPORT_BYTES, parse_export
    from circle_tui.storage.lock import AlreadyRunning, WriterLock
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
    records, problems = parse_export(data, str(path))
    if problems:
        for problem in problems[:SHOWN_PROBLEMS]:
            say(problem, err=True)
        if len(problems) > SHOWN_PROBLEMS:
            say(f"… and {len(problems) - SHOWN_PROBLEMS:,} more", err=True)
        say(
            f"circle-tui: nothing imported: {counted(len(problems), 'problem')} in {path}", err=True
        )
        return EXIT_USAGE
    try:
        with WriterLock(paths.data_dir):
            log, aside = AttendanceLog.open(paths.data_dir)
            if aside:
                say(aside.message(), err=True)
            added, skipped = log.merge(records)
            log.close()
    except AlreadyRunning as err:
        raise UserError(str(err)) from None
    say(f"imported {added:,} sessions from {path}; skipped {skipped:,} already here")
    return EXIT_OK
