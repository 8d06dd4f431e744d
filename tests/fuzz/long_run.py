"""The long fuzz run: thousands of generated lines for the room view's decoder and of command
lines for `circle-tui`, with the counts of what each came to. Any traceback stops it and is
shown (exit status 1); the suite runs a bounded sample of the same cases.

    python tests/fuzz/long_run.py                 # 5,000 room lines and 5,000 command lines
    python tests/fuzz/long_run.py --cases 20000   # more of each
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402

from tests.fuzz import cli_cases, room_cases  # noqa: E402

#: What would drive a terminal, in what the room view draws (its screen, as SVG text).
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def long(cases: int):
    return settings(
        max_examples=cases,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )


def room_run(cases: int) -> tuple[Counter, list[bytes]]:
    counts: Counter = Counter()
    drawn: list[bytes] = []

    @long(cases)
    @given(room_cases.lines)
    def case(line: bytes) -> None:
        result = room_cases.outcome(line)
        counts[result] += 1
        if result == "drawn" and len(drawn) < 400 and line not in drawn:
            drawn.append(line)

    case()
    return counts, drawn


async def draw_on_a_room_view(lines: list[bytes]) -> int:
    """Show each accepted snapshot on a real room view, one after another: it stays up and
    puts no control character on its screen."""
    from circle_tui.core.clock import FakeClock
    from circle_tui.room.snapshot import decode
    from circle_tui.ui.room import RoomApp

    app = RoomApp(None, clock=FakeClock(0))
    async with app.run_test(size=(100, 30)) as pilot:
        for line in lines:
            app.show(decode(line))
            await pilot.pause()
            screen = app.export_screenshot()
            assert CONTROLS.search(screen) is None, line
            assert app.is_running
    return len(lines)


def cli_run(cases: int) -> Counter:
    counts: Counter = Counter()
    cli_cases.stdin_is_never_read()

    @long(cases)
    @given(cli_cases.argvs, cli_cases.envs)
    def case(argv, env) -> None:
        with tempfile.TemporaryDirectory(prefix="ct-fuzz-") as root:
            result = cli_cases.outcome(cli_cases.Sandbox.made(Path(root)), argv, env)
        command = " ".join(w for w in argv[2][:2] if not w.startswith("{"))
        counts[result] += 1
        counts[f"{result} · {command}"] += 1

    case()
    return counts


def report(title: str, counts: Counter, seconds: float, **also: int) -> None:
    total = sum(n for key, n in counts.items() if "·" not in key)
    print(f"\n{title}: {total:,} cases in {seconds:.0f} s, 0 tracebacks")
    for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {n:>7,}  {key}")
    for key, n in also.items():
        print(f"  {n:>7,}  {key.replace('_', ' ')}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=5000, help="cases of each (default 5000)")
    args = parser.parse_args()

    start = time.monotonic()
    counts, drawn = room_run(args.cases)
    shown = asyncio.run(draw_on_a_room_view(drawn))
    report(
        "room view decoder", counts, time.monotonic() - start, of_them_shown_on_a_room_view=shown
    )

    start = time.monotonic()
    report("circle-tui command lines", cli_run(args.cases), time.monotonic() - start)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
