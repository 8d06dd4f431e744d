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
    )
