"""Exports and imports: the attendance log as JSON or CSV, for hosts and other laptops."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import IO

import orjson

from circle_tui.core.record import FIELDS, AttendanceRecord, RecordError


def write_json(records: Sequence[AttendanceRecord], out: IO[str]) -> None:
    dicts = [r.to_dict() for r in records]
    out.write(orjson.dumps(dicts, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode())


def write_csv(records: Sequence[AttendanceRecord], out: IO[str]) -> None:
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(r.to_dict() for r in records)


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
