"""Room view benchmarks: console key → room view frame, and what a stopped room view costs the
console. Every process runs on its own pseudo-terminal, so a frame is timed by the first
bytes the terminal receives after the key (no tmux polling in the measurement).

    python benchmarks/room.py --quick     # alone; run.py adds these rows to its table
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import tempfile
import termios
import time
from pathlib import Path

from run import ANSI, APP  # the installed command, as run.py runs it

RIGHT, LEFT, ENTER = b"\x1b[C", b"\x1b[D", b"\r"
#: No output for this long after a key: the frame (and any follow-up) is complete.
QUIET = 0.15


class Pty:
    """One process on its own pseudo-terminal; everything it writes is drained and kept."""

    def __init__(self, argv: list[str], env: dict[str, str], size: tuple[int, int]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execvpe(argv[0], argv, env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.seen = b""
        self.last = 0.0  # when output last arrived

    def read(self) -> bool:
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:
            return False
        self.seen += data
        self.last = time.perf_counter()
        return bool(data)

    def text(self) -> str:
        return ANSI.sub(b"", self.seen).decode("utf-8", "replace")

    def send(self, key: bytes) -> None:
        os.write(self.fd, key)

    def close(self) -> None:
        for sig in (signal.SIGCONT, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, sig)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


class Desk:
    """The console and its room views, all read continuously so none ever blocks on output."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.ttys: list[Pty] = []

    def start(self, argv: list[str], size: tuple[int, int]) -> Pty:
        tty = Pty(argv, self.env, size)
        self.ttys.append(tty)
        return tty

    def pump(self, seconds: float) -> None:
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            ready, _, _ = select.select([t.fd for t in self.ttys], [], [], left)
            for tty in self.ttys:
                if tty.fd in ready:
                    tty.read()

    def wait_for(self, tty: Pty, text: str, timeout: float = 30) -> None:
        end = time.perf_counter() + timeout
        while text not in tty.text()[-20000:]:
            if time.perf_counter() > end:
                raise RuntimeError(f"{text!r} never appeared")
            self.pump(0.05)
        self.quiet()

    def quiet(self, timeout: float = 10) -> None:
        """Pump until nobody has written for QUIET seconds."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            self.pump(0.02)
            if time.perf_counter() - max(t.last for t in self.ttys) >= QUIET:
                return

    def key_to_frames(self, console: Pty, key: bytes, watched: list[Pty]) -> float:
        """Seconds from `key` on the console to the first bytes of a frame on every watched
        terminal (the slowest one)."""
        for tty in watched:
            tty.first = None  # type: ignore[attr-defined]
        start = time.perf_counter()
        console.send(key)
        end = start + 5
        while any(t.first is None for t in watched) and time.perf_counter() < end:  # type: ignore[attr-defined]
            ready, _, _ = select.select([t.fd for t in self.ttys], [], [], 0.5)
            for tty in self.ttys:
                if tty.fd in ready and tty.read() and getattr(tty, "first", 0) is None:
                    tty.first = time.perf_counter()  # type: ignore[attr-defined]
        self.quiet()
        firsts = [t.first for t in watched]  # type: ignore[attr-defined]
        if None in firsts:
            raise RuntimeError("a terminal drew nothing after the key")
        return max(firsts) - start

    def close(self) -> None:
        for tty in self.ttys:
            tty.close()


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(
        CIRCLE_TUI_CONFIG=str(tmp / "config.toml"),
        CIRCLE_TUI_DATA_DIR=str(tmp / "data"),
        XDG_RUNTIME_DIR=str(tmp / "run"),
        TERM="xterm-256color",
    )
    (tmp / "run").mkdir(mode=0o700, parents=True, exist_ok=True)
    return env


def _to_agreements(desk: Desk, console: Pty) -> None:
    desk.wait_for(console, "start today's circle")
    console.send(ENTER)
    desk.wait_for(console, "Arrivals")
    for _ in range(6):
        console.send(b"+")
        desk.pump(0.05)
    desk.wait_for(console, "Seat 6")
    console.send(ENTER)
    desk.wait_for(console, "Opening")
    desk.pump(0.6)  # enter again is a fresh press: the app absorbs a key held across a step
    console.send(ENTER)
    desk.wait_for(console, "1 of 10")


def _pcts(times: list[float]) -> dict:
    ordered = sorted(times)
    return {
        "median_ms": 1000 * statistics.median(ordered),
        "p95_ms": 1000 * ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        "presses": len(ordered),
    }


def bench_room_latency(views: int, presses: int, tmp: Path) -> dict:
    """Console key (next/previous agreement card) → a frame on every one of `views` room views."""
    desk = Desk(_env(tmp))
    try:
        rooms = [desk.start([*APP, "room"], (80, 24)) for _ in range(views)]
        console = desk.start(APP, (100, 30))
        _to_agreements(desk, console)
        desk.wait_for(console, f"{views} room view")
        times = [
            desk.key_to_frames(console, RIGHT if i % 2 == 0 else LEFT, rooms)
            for i in range(presses)
        ]
    finally:
        desk.close()
    return {"views": views, **_pcts(times)}


def bench_stopped_view(presses: int, rounds: int, tmp: Path) -> dict:
    """Console key → console frame, with no room view and with a SIGSTOPped one, in
    alternating blocks on the same console (this machine's speed drifts)."""
    desk = Desk(_env(tmp))
    alone: list[float] = []
    stopped: list[float] = []
    try:
        console = desk.start(APP, (100, 30))
        _to_agreements(desk, console)
        for _ in range(rounds):
            alone += [
                desk.key_to_frames(console, RIGHT if i % 2 == 0 else LEFT, [console])
                for i in range(presses)
            ]
            view = desk.start([*APP, "room"], (80, 24))
            desk.wait_for(console, "1 room view")
            os.kill(view.pid, signal.SIGSTOP)
            stopped += [
                desk.key_to_frames(console, RIGHT if i % 2 == 0 else LEFT, [console])
                for i in range(presses)
            ]
            desk.ttys.remove(view)
            view.close()
            desk.wait_for(console, "no room view")
    finally:
        desk.close()
    a, s = statistics.median(alone), statistics.median(stopped)
    return {"alone_ms": 1000 * a, "stopped_ms": 1000 * s, "ratio": s / a, "presses": len(alone)}


def room_rows(quick: bool, tmp: Path) -> dict:
    presses = 3 if quick else 60
    return {
        "one": bench_room_latency(1, presses, tmp / "one"),
        "three": bench_room_latency(3, presses, tmp / "three"),
        "stopped": bench_stopped_view(2 if quick else 30, 1 if quick else 3, tmp / "stopped"),
    }


def room_report(r: dict) -> list[str]:
    def ok(flag: bool) -> str:
        return "met" if flag else "NOT met"

    lines = []
    for key in ("one", "three"):
        row = r[key]
        views = f"{row['views']} room view{'s' * (row['views'] != 1)}"
        good = row["median_ms"] <= 50 and row["p95_ms"] <= 100
        lines.append(
            f"| 7. console key → room view frame, {views} ({row['presses']} presses, slowest "
            f"view) | median {row['median_ms']:.0f} ms, p95 {row['p95_ms']:.0f} ms | — | — | "
            f"median ≤ 50 ms, p95 ≤ 100 ms | {ok(good)} |"
        )
    s = r["stopped"]
    lines.append(
        f"| 7. console key → console frame, a SIGSTOPped room view vs none (medians of "
        f"{s['presses']}) | {s['stopped_ms']:.0f} ms | {s['alone_ms']:.0f} ms (none) | "
        f"{s['ratio']:.2f}× | ≤ 1.2× | {ok(s['ratio'] <= 1.2)} |"
    )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ct-bench-") as name:
        print("\n".join(room_report(room_rows(args.quick, Path(name)))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
