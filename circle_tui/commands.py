"""The host-facing subcommands: attendance, agreements, qr and privacy."""

from __future__ import annotations

import csv
import io
import json
import operator
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

import orjson

from circle_tui.config import Paths, Settings
from circle_tui.core.record import (
    FIELDS,
    STATUS_WORDS,
    AttendanceRecord,
    RecordError,
    minutes_between,
    totals,
)
from circle_tui.errors import UserError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


# -- attendance ----------------------------------------------------------------------------
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


def attendance_list(
    paths: Paths, circle: str | None, since: str | None, until: str | None, fmt: str
) -> int:
    since, until = _check_date(since, "--since"), _check_date(until, "--until")
    records = _read_log(paths).records()
    if circle is not None or since is not None or until is not None:
        records = [
            r
            for r in records
            if (circle is None or r.circle == circle)
            and (since is None or r.date >= since)
            and (until is None or r.date <= until)
        ]
    out = sys.stdout
    if fmt == "json":
        dicts = [r.to_dict() for r in records]
        out.write(
            orjson.dumps(dicts, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode()
        )
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(r.to_dict() for r in records)
    else:
        out.write("".join(table_lines(records)))  # one write: quicker than a line at a time
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


def parse_export(text: str, source: str) -> tuple[list[AttendanceRecord], list[str]]:
    """Records from a JSON or CSV export, and one `FILE:LINE: problem` per bad row."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        return _parse_json(text, source)
    return _parse_csv(text, source)


def _parse_json(text: str, source: str) -> tuple[list[AttendanceRecord], list[str]]:
    decoder = json.JSONDecoder()
    records, problems = [], []
    pos = text.index("[") + 1

    def skip(p: int) -> int:
        while p < len(text) and text[p] in " \t\r\n,":
            p += 1
        return p

    pos = skip(pos)
    line, counted_to = 1, 0  # counted as we go: counting from the top each time is quadratic
    while pos < len(text) and text[pos] != "]":
        line += text.count("\n", counted_to, pos)
        counted_to = pos
        try:
            item, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as err:
            problems.append(
                f"{source}:{err.lineno}: not valid JSON ({err.msg}) — fix or re-export the file"
            )
            return records, problems
        try:
            records.append(AttendanceRecord.from_dict(item))
        except RecordError as err:
            problems.append(f"{source}:{line}: {err}")
        pos = skip(pos)
    if pos >= len(text):
        problems.append(
            f"{source}:{text.count(chr(10)) + 1}: the JSON array is not closed — re-export the file"
        )
    return records, problems


def _parse_csv(text: str, source: str) -> tuple[list[AttendanceRecord], list[str]]:
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    if sorted(header) != sorted(FIELDS):
        return [], [
            f"{source}:1: expected the header {','.join(FIELDS)} — export with --format csv"
        ]
    records, problems = [], []
    for row in reader:
        line = reader.line_num
        data: dict[str, object] = dict(row)
        try:
            for name in ("present", "newcomers", "schema"):
                raw = str(data[name]).strip()
                if not raw.lstrip("-").isdigit():
                    raise RecordError(name, f"expected a whole number, got {raw!r}")
                data[name] = int(raw)
            records.append(AttendanceRecord.from_dict(data))
        except RecordError as err:
            problems.append(f"{source}:{line}: {err}")
    return records, problems


def attendance_import(paths: Paths, file: str) -> int:
    from circle_tui.storage.attendance import AttendanceLog
    from circle_tui.storage.lock import AlreadyRunning, WriterLock

    path = Path(file)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as err:
        raise UserError(f"{path}: cannot be read ({err.strerror})") from None
    except UnicodeDecodeError:
        raise UserError(
            f"{path}: not UTF-8 text; import a file written by `circle-tui attendance`"
        ) from None
    records, problems = parse_export(text, str(path))
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"circle-tui: nothing imported: {len(problems)} bad rows in {path}", file=sys.stderr)
        return EXIT_USAGE
    try:
        with WriterLock(paths.data_dir):
            log, aside = AttendanceLog.open(paths.data_dir)
            if aside:
                print(aside.message(), file=sys.stderr)
            added, skipped = log.merge(records)
            log.close()
    except AlreadyRunning as err:
        raise UserError(str(err)) from None
    print(f"imported {added:,} sessions from {path}; skipped {skipped:,} already here")
    return EXIT_OK


# -- agreements ----------------------------------------------------------------------------
def agreements(paths: Paths, action: str, target: str | None) -> int:
    from circle_tui import library
    from circle_tui.core.agreements import AgreementError

    if action == "list":
        sets = library.available(paths)
        width = max((len(n) for n in sets), default=4)
        print(f"{'name':<{width}}  {'cards':>5}  {'from':<8}  title")
        for name, found in sorted(sets.items()):
            try:
                parsed = library.load_file(found.path, resources=found.is_resources)
                cards = "—" if found.is_resources else str(len(parsed.cards))
                title = parsed.title
            except AgreementError as err:
                cards, title = "!", f"cannot be used: {err.problems[0].format(str(found.path))}"
            origin = "bundled" if found.origin == library.BUNDLED else "yours"
            print(f"{name:<{width}}  {cards:>5}  {origin:<8}  {title}")
        print(f"\nYour own sets go in {paths.user_agreements}")
        return EXIT_OK
    assert target is not None
    if action == "show":
        try:
            found = library.available(paths).get(target)
            if found is None:
                library.load(target, paths)  # raises LookupError naming what exists
            assert found is not None
            parsed = library.load_file(found.path, resources=found.is_resources)
        except LookupError as err:
            raise UserError(str(err)) from None
        except AgreementError as err:
            print(str(err), file=sys.stderr)
            return EXIT_USAGE
        print(f"# {parsed.title}  ({found.path})\n")
        if parsed.intro:
            print(parsed.intro + "\n")
        for section in parsed.sections:
            print(f"## {section.heading}\n\n{section.body}\n")
        return EXIT_OK
    path = Path(target)
    try:
        parsed = library.load_file(path, resources=path.stem.startswith("resources"))
    except AgreementError as err:
        print(str(err), file=sys.stderr)
        return EXIT_USAGE
    print(
        f"{path}: OK — {parsed.title!r}, {len(parsed.cards)} cards"
        + (", opening words" if parsed.opening else "")
        + (", closing words" if parsed.closing else "")
    )
    return EXIT_OK


# -- qr ---------------------------------------------------------------------------------------
def qr(settings: Settings, png: str | None, size: int) -> int:
    from circle_tui.core.qr import QRError, matrix

    try:
        checked = settings.link("feedback_url", date.today())
    except QRError as err:
        raise UserError(f"feedback_url: {err}") from None
    if checked.warning:
        print(f"warning: {checked.warning}", file=sys.stderr)
    if png:
        from circle_tui.card import save_card

        if not 200 <= size <= 4000:
            raise UserError(f"--size {size}: expected 200 to 4000 pixels")
        path = save_card(
            Path(png), checked.url, settings.circle_name, settings.qr_error_correction, size
        )
        print(f"wrote {path} ({size} px wide): {checked.url}")
        return EXIT_OK
    from rich.console import Console

    from circle_tui.ui.widgets.qr import QRRenderable

    console = Console(highlight=False)
    console.print(QRRenderable(matrix(checked.url, settings.qr_error_correction)))
    console.print(checked.url, markup=False)
    return EXIT_OK


# -- privacy ----------------------------------------------------------------------------------
def privacy(paths: Paths, *, erase: bool) -> int:
    from circle_tui.ui.screens.privacy import privacy_text

    if not erase:
        print(privacy_text(paths))
        return EXIT_OK
    from circle_tui.storage.attendance import FILE_NAME
    from circle_tui.storage.lock import AlreadyRunning, WriterLock

    target = paths.data_dir / FILE_NAME
    if not target.exists():
        print(f"There is no attendance data to erase ({target} does not exist).")
        return EXIT_OK
    print(f"This deletes every attendance count in {target}. It cannot be undone.")
    print("Type ERASE to confirm: ", end="", flush=True)
    answer = sys.stdin.readline().strip()
    if answer != "ERASE":
        print("Nothing was erased.")
        return EXIT_FAILED
    try:
        with WriterLock(paths.data_dir):
            target.unlink(missing_ok=True)
    except AlreadyRunning as err:
        raise UserError(str(err)) from None
    print(f"Erased {target}.")
    return EXIT_OK
