"""Small builders shared by tests."""

from __future__ import annotations

import uuid

from circle_tui.core.record import AttendanceRecord


def record(
    day: str = "2026-11-24",
    circle: str = "Tuesday circle",
    present: int = 9,
    newcomers: int = 3,
    status: str = "complete",
    **kw,
) -> AttendanceRecord:
    return AttendanceRecord(
        id=kw.get("id", str(uuid.uuid4())),
        circle=circle,
        date=day,
        started=kw.get("started", "19:02"),
        ended=kw.get("ended", "21:04"),
        present=present,
        newcomers=newcomers,
        status=status,
        returning=kw.get("returning"),
    )


def old_log(data_dir, *circles: str) -> bytes:
    """A log as an older `attendance add` could leave it, with these circle names as they
    are (control characters included), one session a day from 2026-11-01."""
    import json

    table = {}
    for n, circle in enumerate(circles, start=1):
        doc = record(day=f"2026-11-{n:02d}").to_dict()
        doc["circle"] = circle
        table[str(n)] = doc
    data_dir.mkdir(parents=True, exist_ok=True)
    raw = json.dumps({"sessions": table}).encode()
    (data_dir / "attendance.json").write_bytes(raw)
    return raw


# -- a log whose figures are known by construction ----------------------------------------------
#: Three circles, each meeting on the first and third of its weekday of every month, 2024-2026.
#: circle: (weekday, start, base). In month i (0 = 2024-01) session j (0 = first, 1 = third):
#: present = base + 2j + i % 3, newcomers = 1 + j, returning = j from 2025 (i >= 12); 2024's
#: sessions are stored as schema 1, from before `returning` was counted.
CONSTRUCTED_CIRCLES = {
    "Monday circle": (0, "19:00", 8),
    "Wednesday circle": (2, "18:30", 12),
    "Saturday morning": (5, "10:00", 5),
}
CONSTRUCTED_MONTHS = [
    f"{year}-{month:02d}" for year in (2024, 2025, 2026) for month in range(1, 13)
]


def constructed_log(data_dir) -> None:
    """Write the constructed log as an attendance file, 2024 in schema 1 as today's code did."""
    import datetime
    import json

    table = {}
    for circle, (weekday, start, base) in CONSTRUCTED_CIRCLES.items():
        for i, month in enumerate(CONSTRUCTED_MONTHS):
            first = datetime.date.fromisoformat(month + "-01")
            day = 1 + (weekday - first.weekday()) % 7
            for j in (0, 1):
                doc = record(
                    f"{month}-{day + 14 * j:02d}",
                    circle,
                    present=base + 2 * j + i % 3,
                    newcomers=1 + j,
                    started=start,
                    ended="21:00",
                    returning=None if i < 12 else j,
                ).to_dict()
                if i < 12:
                    del doc["returning"]
                    doc["schema"] = 1
                table[str(len(table) + 1)] = doc
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "attendance.json").write_text(json.dumps({"sessions": table}))


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    """`circle-tui ARGV` in this process: exit code, stdout, stderr."""
    from circle_tui.cli import main

    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err
