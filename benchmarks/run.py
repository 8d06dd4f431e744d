"""circle-tui benchmarks against a bare Textual app, measured in the same run.

    python benchmarks/run.py            # full run, writes benchmarks/results.md
    python benchmarks/run.py --quick    # tiny sizes, for the smoke test
    python benchmarks/run.py --only attendance summary   # just those rows; results.md untouched

Rows: startup, idle CPU during a running turn, peak memory of a scripted circle,
key-to-screen latency, and attendance listing at scale.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import json
import os
import pty
import re
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[@-Z\\-_]")
# The installed command, as a facilitator runs it (byte-compiled by pip, unlike a source tree).
_SCRIPT = Path(sys.executable).parent / "circle-tui"
APP = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "circle_tui"]
BARE = [sys.executable, str(HERE / "bare_app.py")]


def clean_env(tmp: Path) -> dict[str, str]:
    # PYTHONDONTWRITEBYTECODE: an installed app runs from byte-compiled files, as `pip
    # install` leaves them; measured without them, every start would compile our sources.
    dropped = ("COLUMNS", "LINES", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(
        CIRCLE_TUI_CONFIG=str(tmp / "config.toml"),
        CIRCLE_TUI_DATA_DIR=str(tmp / "data"),
        TERM="xterm-256color",
    )
    return env


# -- 1. startup ----------------------------------------------------------------------------
def time_to_text(argv: list[str], marker: bytes, env: dict[str, str], timeout: float = 30) -> float:
    """Seconds from process start until `marker` is on the (pseudo-)terminal."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(argv[0], argv, env)
    start = time.perf_counter()
    seen = b""
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
                if marker in ANSI.sub(b"", seen):
                    return time.perf_counter() - start
        raise RuntimeError(f"{argv} never showed {marker!r}")
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)


def bench_startup(runs: int, tmp: Path) -> dict:
    env = clean_env(tmp / "startup")
    app, bare = [], []
    for _ in range(runs):  # interleaved, so machine noise hits both alike
        app.append(time_to_text(APP, b"start today's circle", env))
        bare.append(time_to_text(BARE, b"bare app ready", env))
    a, b = statistics.median(app), statistics.median(bare)
    return {"app_s": a, "bare_s": b, "ratio": a / b, "runs": runs}


def import_costs(top: int = 8) -> list[tuple[str, int]]:
    """The heaviest modules imported on the way to the home screen (-X importtime, cumulative µs)."""
    code = "import circle_tui.cli, circle_tui.ui.app, circle_tui.ui.screens.home, circle_tui.storage.attendance"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True
    )
    rows = []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2].strip()
            if name.count(".") == 0 or name.startswith("circle_tui.") and name.count(".") == 1:
                rows.append((name, int(parts[1].strip())))
    return sorted(rows, key=lambda r: -r[1])[:top]


# -- tmux helpers -----------------------------------------------------------------------------
class Tmux:
    def __init__(self, argv: list[str], env: dict[str, str], size=(100, 30)) -> None:
        self.sock = f"bench-{uuid.uuid4().hex[:6]}"
        exports = " ".join(f"{k}='{v}'" for k, v in env.items() if k.startswith(("CIRCLE", "TERM")))
        # exec: the pane's process becomes the app itself, so its pid is the one to measure.
        cmd = f"exec env -u COLUMNS -u LINES {exports} {' '.join(argv)}"
        self.run("new-session", "-d", "-x", str(size[0]), "-y", str(size[1]), cmd)
        self.pid = int(self.run("list-panes", "-F", "#{pane_pid}").strip())
        self.sent: list[str] = []

    def run(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.sock, *args], capture_output=True, text=True, check=True
        ).stdout

    def wait(self, text: str, timeout: float = 20) -> None:
        end = time.monotonic() + timeout
        while text not in self.run("capture-pane", "-p"):
            if time.monotonic() > end:
                raise RuntimeError(
                    f"{text!r} did not appear; the screen shows:\n" + self.run("capture-pane", "-p")
                )
            time.sleep(0.05)

    def keys(self, *keys: str) -> None:
        for key in keys:
            if self.sent and self.sent[-1] == key:
                # The same key again, as a fresh press: the app absorbs a key held across a
                # boundary (circle_tui/ui/settle.py).
                time.sleep(0.5)
            self.run("send-keys", key)
            self.sent.append(key)
            time.sleep(0.1)

    def close(self) -> None:
        """Ends the session and waits for the app: on a closed terminal it saves attendance,
        which must not race the removal of its data dir."""
        subprocess.run(["tmux", "-L", self.sock, "kill-server"], capture_output=True)
        end = time.monotonic() + 10
        while Path(f"/proc/{self.pid}").exists() and time.monotonic() < end:
            time.sleep(0.05)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main_thread_seconds(pid: int) -> float:
    """CPU of the process's main thread (where Textual renders), in nanoseconds' precision;
    the rest is Textual's input thread, which wakes ten times a second in any Textual app."""
    return int(Path(f"/proc/{pid}/task/{pid}/schedstat").read_text().split()[0]) / 1e9


def peak_rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM")


def to_running_turn(t: Tmux, people: int = 6) -> None:
    """Home to the first turn running. Keys bound alike alternate (+ and =, → and enter), so
    no press waits out the held-key settle time that a repeated key would."""
    t.wait("start today's circle")
    t.keys("Enter")
    t.wait("Arrivals")
    t.keys(*["+", "="] * (people // 2), *["+"] * (people % 2), "Enter")
    t.wait("Opening")
    t.keys("Enter", *["Right", "Enter"] * 5, "Right")
    t.wait("Next: check-in round")
    t.keys("Enter", "Right")
    t.wait("now speaking")


# -- 2. idle CPU ----------------------------------------------------------------------------------
def bench_idle_cpu(seconds: float, tmp: Path) -> dict:
    """CPU over `seconds` of a running turn, beside the bare app idle and the bare app with a
    clock updated once a second (the floor for any Textual app showing a countdown)."""
    env = clean_env(tmp / "cpu")
    app = Tmux(APP, env)
    bare = Tmux(BARE, env)
    ticking = Tmux([*BARE, "--tick"], env)
    try:
        to_running_turn(app)
        bare.wait("bare app ready")
        ticking.wait("bare app ready")
        pids = (app.pid, bare.pid, ticking.pid)
        before = [cpu_seconds(pid) for pid in pids]
        main_before = [main_thread_seconds(pid) for pid in pids]
        time.sleep(seconds)  # wall time is what is being measured here
        after = [cpu_seconds(pid) for pid in pids]
        main_after = [main_thread_seconds(pid) for pid in pids]
    finally:
        for t in (app, bare, ticking):
            t.close()
    app_pct, bare_pct, tick_pct = (
        100 * (a - b) / seconds for a, b in zip(after, before, strict=True)
    )
    app_main, bare_main, tick_main = (
        100 * (a - b) / seconds for a, b in zip(main_after, main_before, strict=True)
    )
    return {
        "app_pct": app_pct,
        "bare_pct": bare_pct,
        "tick_pct": tick_pct,
        "app_main_pct": app_main,
        "bare_main_pct": bare_main,
        "tick_main_pct": tick_main,
        "seconds": seconds,
    }


# -- 3. memory ---------------------------------------------------------------------------------------
def bench_memory(tmp: Path, people: int = 12) -> dict:
    """Peak RSS of a scripted circle up to the closing screen (the QR code not yet drawn),
    then with the closing screen's QR code shown, beside the bare app's."""
    env = clean_env(tmp / "memory")
    (tmp / "memory").mkdir(parents=True, exist_ok=True)
    Path(env["CIRCLE_TUI_CONFIG"]).write_text(
        'feedback_url = "https://forms.example.org/feedback?date={date}"\n', encoding="utf-8"
    )
    app = Tmux(APP, env)
    bare = Tmux(BARE, env)
    try:
        to_running_turn(app, people=people)
        for _ in range(60):  # every turn of every round, a pass in each
            if "All rounds are done" in app.run("capture-pane", "-p"):
                break
            app.keys("Enter", "Enter", "p", "Enter")
        app.wait("All rounds are done")
        before_qr = peak_rss_kib(app.pid)
        app.keys("Enter")
        app.wait("Closing")
        time.sleep(0.5)  # the code is drawn just after the screen shows
        with_qr = peak_rss_kib(app.pid)
        bare.wait("bare app ready")
        idle = peak_rss_kib(bare.pid)
        # The same keystrokes, so Textual's own handling of them (its key names come from the
        # Unicode database) counts on both sides; the bare app binds only enter.
        bare.run("send-keys", *app.sent)
        time.sleep(1)
        b = peak_rss_kib(bare.pid)
    finally:
        app.close()
        bare.close()
    return {
        "app_mib": before_qr / 1024,
        "qr_mib": with_qr / 1024,
        "bare_mib": b / 1024,
        "bare_idle_mib": idle / 1024,
        "ratio": before_qr / b,
        "idle_ratio": before_qr / idle,
        "qr_ratio": with_qr / b,
    }


# -- 4. key to screen -----------------------------------------------------------------------------------
async def _first_frame_after(pilot, key: str) -> float:
    """Seconds from sending `key` to the first frame drawn after it (not Pilot's own waiting)."""
    app = pilot.app
    frames: list[float] = []
    display = app._display

    def timed_display(screen, renderable):
        display(screen, renderable)
        frames.append(time.perf_counter())

    app._display = timed_display
    start = time.perf_counter()
    await pilot.press(key)
    app._display = display
    return (frames[0] if frames else time.perf_counter()) - start


class _Deliberate:
    """When the Pilot's keys are pressed: 1 s apart, so none is taken for a held key."""

    def __init__(self) -> None:
        self._now = 0.0

    def now(self) -> float:
        self._now += 1.0
        return self._now


def pilot_app(root: Path):
    """The app on `root`'s own folders, run in this process (Pilot) on a fake clock. The
    benchmarks build it themselves: test support stays in tests/."""
    from circle_tui.core.clock import FakeClock
    from circle_tui.session import Session, aside_notices
    from circle_tui.settings import Paths, Settings
    from circle_tui.storage.attendance import AttendanceLog
    from circle_tui.ui.app import CircleApp

    paths = Paths(config_file=root / "config" / "config.toml", data_dir=root / "data")
    log, aside = AttendanceLog.open(paths.data_dir)
    session = Session(paths, Settings(circle_name="Tuesday circle"), log, clock=FakeClock())
    return CircleApp(session, notices=aside_notices(aside), key_clock=_Deliberate())


async def _press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def _settled(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _key_latency(presses: int, tmp: Path) -> tuple[list[float], list[float]]:
    from bare_app import BareApp

    from circle_tui.core.plan import Phase

    app = pilot_app(tmp / "pilot")
    times = []
    async with app.run_test(size=(100, 30)) as pilot:
        await _settled(pilot)
        circle = app.session.start()  # 12 arrived, straight to the rounds: not measured
        for _ in range(12):
            circle.arrive()
        circle.go_to(Phase.ROUNDS)
        await _press(pilot, "enter", "enter")  # the round, then its first timer
        for _ in range(presses):
            if circle.round is None or circle.round.complete:
                await _press(pilot, "enter", "enter", "enter")
                continue
            times.append(await _first_frame_after(pilot, "enter"))
    bare_times = []
    async with BareApp().run_test(size=(100, 30)) as pilot:
        for _ in range(presses):
            bare_times.append(await _first_frame_after(pilot, "enter"))
    return times, bare_times


def bench_key(presses: int, tmp: Path) -> dict:
    times, bare = asyncio.run(_key_latency(presses, tmp))
    return {
        "median_ms": 1000 * statistics.median(times),
        "worst_ms": 1000 * max(times),
        "bare_ms": 1000 * statistics.median(bare),
        "presses": len(times),
    }


# -- 5. attendance at scale --------------------------------------------------------------------------------
def fill_log(data: Path, count: int) -> None:
    from circle_tui.core.record import AttendanceRecord

    data.mkdir(parents=True, exist_ok=True)
    table = {}
    for i in range(count):
        r = AttendanceRecord(
            str(uuid.UUID(int=i, version=4)),
            "Tuesday circle",
            f"{2000 + i // 365 % 100:04d}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            # Sessions i and i + 84 of one year fall on one date: three hours apart, so each
            # is its own session (import takes one start within minutes as the same night).
            f"{9 + 3 * (i % 365 // 84):02d}:02",
            "21:04",
            5 + i % 9,
            i % 3,
            "complete",
        )
        table[str(i + 1)] = r.to_dict()
    (data / "attendance.json").write_text(json.dumps({"sessions": table}, separators=(",", ":")))
    os.chmod(data / "attendance.json", 0o600)


def bench_attendance(sizes: list[int], runs: int, tmp: Path) -> dict:
    """`circle-tui attendance` at each of `sizes` sessions, the largest against the smallest
    in the same rounds; then import and the review screen. The full run goes to 1,000
    sessions: three lifetimes of a weekly circle (52 a year for 19 years)."""
    envs = {}
    for size in sizes:
        fill_log(tmp / f"scale-{size}" / "data", size)
        envs[size] = clean_env(tmp / f"scale-{size}")
    times: dict[int, list[float]] = {size: [] for size in sizes}
    for _ in range(runs):  # interleaved, smallest and largest side by side
        for size in (sizes[0], sizes[-1], *sizes[1:-1]):
            start = time.perf_counter()
            subprocess.run([*APP, "attendance"], env=envs[size], check=True, capture_output=True)
            times[size].append(time.perf_counter() - start)
    cli = {size: statistics.median(t) for size, t in times.items()}
    # This machine's speed drifts by up to 2x over seconds; runs next to each other see the
    # same speed, so the ratio is taken within each round and its median reported.
    pairs = zip(times[sizes[-1]], times[sizes[0]], strict=True)
    ratio = statistics.median(big / small for big, small in pairs)

    largest = sizes[-1]
    imports = {}
    for fmt in ("json", "csv"):
        export = tmp / f"export.{fmt}"
        with export.open("w") as out:
            subprocess.run(
                [*APP, "attendance", "--format", fmt], env=envs[largest], check=True, stdout=out
            )
        took = []
        for n in range(3):
            env = clean_env(tmp / f"import-{fmt}-{n}")
            start = time.perf_counter()
            subprocess.run(
                [*APP, "attendance", "import", str(export)],
                env=env,
                check=True,
                capture_output=True,
            )
            took.append(time.perf_counter() - start)
        imports[fmt] = statistics.median(took)

    screen = {}
    for size in sizes:
        root = tmp / f"scale-{size}"

        async def review(root: Path = root, size: int = size) -> float:
            app = pilot_app(root)
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                start = time.perf_counter()
                await _press(pilot, "a")
                await _settled(pilot)
                elapsed = time.perf_counter() - start
                from circle_tui.ui.screens.attendance import TABLE_LIMIT

                assert app.screen.query_one("DataTable").row_count == min(size, TABLE_LIMIT)
            return elapsed

        screen[size] = asyncio.run(review())
    return {"cli_s": cli, "screen_s": screen, "ratio": ratio, "runs": runs, "import_s": imports}


# -- 6. summary at scale ------------------------------------------------------------------------------------
def bench_summary(size: int, runs: int, tmp: Path) -> dict:
    """`attendance summary --by month` over `size` sessions, half of them counting second
    visits, beside the 10-session listing in the same rounds (the machine's speed drifts)."""
    data = tmp / f"summary-{size}" / "data"
    fill_log(data, size)
    log = json.loads((data / "attendance.json").read_text())
    for n, doc in enumerate(log["sessions"].values()):
        doc["returning"] = None if n % 2 else min(1, doc["present"] - doc["newcomers"])
    (data / "attendance.json").write_text(json.dumps(log, separators=(",", ":")))
    small = tmp / "summary-10"
    fill_log(small / "data", 10)
    envs = {"summary": clean_env(data.parent), "listing": clean_env(small)}
    commands = {"summary": ["attendance", "summary", "--by", "month"], "listing": ["attendance"]}
    times: dict[str, list[float]] = {"summary": [], "listing": []}
    for _ in range(runs):
        for name in ("summary", "listing"):
            start = time.perf_counter()
            subprocess.run([*APP, *commands[name]], env=envs[name], check=True, capture_output=True)
            times[name].append(time.perf_counter() - start)
    pairs = zip(times["summary"], times["listing"], strict=True)
    return {
        "size": size,
        "runs": runs,
        "summary_s": statistics.median(times["summary"]),
        "listing_s": statistics.median(times["listing"]),
        "ratio": statistics.median(a / b for a, b in pairs),
    }


# -- report ------------------------------------------------------------------------------------------------
TABLE_HEAD = [
    "| benchmark | circle-tui | bare Textual app | ratio / figure | target | |",
    "|---|---|---|---|---|---|",
]


def ok(flag: bool) -> str:
    return "met" if flag else "NOT met"


def startup_rows(s: dict) -> list[str]:
    return [
        f"| 1. startup to first frame (median of {s['runs']}) | {s['app_s'] * 1000:.0f} ms | "
        f"{s['bare_s'] * 1000:.0f} ms | {s['ratio']:.2f}× | ≤ 1.3× | {ok(s['ratio'] <= 1.3)} |"
    ]


def cpu_rows(c: dict) -> list[str]:
    return [
        f"| 2. idle CPU, running turn, {c['seconds']:.0f} s | {c['app_pct']:.2f} % of a core "
        f"(main thread {c['app_main_pct']:.2f} %) | {c['bare_pct']:.2f} % idle (main thread "
        f"{c['bare_main_pct']:.2f} %) · {c['tick_pct']:.2f} % with a clock ticking each second "
        f"(main thread {c['tick_main_pct']:.2f} %) | "
        f"{c['app_pct'] / max(c['tick_pct'], 0.01):.2f}× the ticking bare app | ≤ 0.3 % | "
        f"{ok(c['app_pct'] <= 0.3)} |"
    ]


def memory_rows(m: dict) -> list[str]:
    return [
        f"| 3. peak memory, scripted circle up to closing | {m['app_mib']:.1f} MiB | "
        f"{m['bare_mib']:.1f} MiB given the same keys ({m['bare_idle_mib']:.1f} MiB given none: "
        f"{m['idle_ratio']:.2f}×) | {m['ratio']:.2f}× | ≤ 1.3× | {ok(m['ratio'] <= 1.3)} |",
        f"| 3. peak memory, with the closing QR code drawn | {m['qr_mib']:.1f} MiB | "
        f"{m['bare_mib']:.1f} MiB | {m['qr_ratio']:.2f}× | reported | |",
    ]


def key_rows(k: dict) -> list[str]:
    return [
        f"| 4. key to next frame (enter, rounds; {k['presses']} presses, Pilot) | median "
        f"{k['median_ms']:.1f} ms, worst {k['worst_ms']:.1f} ms | median {k['bare_ms']:.1f} ms | — "
        f"| ≤ 16 ms median | {ok(k['median_ms'] <= 16)} |"
    ]


def attendance_rows(a: dict) -> list[str]:
    sizes = list(a["cli_s"])
    return [
        f"| 5. `circle-tui attendance`, {sizes[0]} → {sizes[-1]} sessions "
        f"(medians of {a['runs']}; ratio: median of each round's) | "
        + " · ".join(f"{n}: {t * 1000:.0f} ms" for n, t in a["cli_s"].items())
        + f" | — | {a['ratio']:.2f}× | ≤ 2× | {ok(a['ratio'] <= 2)} |",
        "| 5. review screen first render | "
        + " · ".join(f"{n}: {t * 1000:.0f} ms" for n, t in a["screen_s"].items())
        + " | — | — | at most linear | |",
        f"| 5. `circle-tui attendance import` of {sizes[-1]} sessions into an empty log (median of 3) | "
        + " · ".join(f"{fmt}: {t * 1000:.0f} ms" for fmt, t in a["import_s"].items())
        + " | — | — | — | |",
    ]


def summary_rows(u: dict) -> list[str]:
    return [
        f"| 6. `circle-tui attendance summary --by month`, {u['size']} sessions (median of "
        f"{u['runs']}; ratio: to the 10-session listing, median of each round's) | "
        f"{u['summary_s'] * 1000:.0f} ms (listing of 10: {u['listing_s'] * 1000:.0f} ms) | — | "
        f"{u['ratio']:.2f}× | — | |"
    ]


ROWS = {
    "startup": startup_rows,
    "cpu": cpu_rows,
    "memory": memory_rows,
    "key": key_rows,
    "attendance": attendance_rows,
    "summary": summary_rows,
    "room": lambda r: room_bench().room_report(r),
}


def room_bench():
    """The room view's rows live in benchmarks/room.py (they run several apps on ptys)."""
    import room

    return room


def report(r: dict, costs: list[tuple[str, int]]) -> str:
    lines = [*TABLE_HEAD]
    for name, rows in ROWS.items():
        lines += rows(r[name])
    lines += [
        "",
        "Heaviest imports on the way to the home screen (cumulative, `-X importtime`): "
        + ", ".join(f"{name} {us / 1000:.0f} ms" for name, us in costs),
    ]
    return "\n".join(lines) + "\n"


def benches(quick: bool) -> dict:
    """Each benchmark by name, at full size or (quick) tiny sizes that prove it runs."""
    return {
        "startup": lambda tmp: bench_startup(1 if quick else 12, tmp),
        "cpu": lambda tmp: bench_idle_cpu(0.5 if quick else 60, tmp),
        "memory": lambda tmp: bench_memory(tmp, people=2 if quick else 12),
        "key": lambda tmp: bench_key(3 if quick else 60, tmp),
        "attendance": lambda tmp: bench_attendance(
            [10, 50] if quick else [10, 100, 1000], 1 if quick else 31, tmp
        ),
        "summary": lambda tmp: bench_summary(50 if quick else 1000, 1 if quick else 31, tmp),
        "room": lambda tmp: room_bench().room_rows(quick, tmp),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="tiny sizes: proves the script runs")
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=list(ROWS),
        help="run just these rows and print them (results.md is left as it is)",
    )
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("benchmarks need tmux", file=sys.stderr)
        return 2
    import circle_tui

    # An editable install runs the sources: compile them first, as pip does for a wheel.
    compileall.compile_dir(Path(circle_tui.__file__).parent, quiet=1)
    chosen = {name: bench for name, bench in benches(args.quick).items()}
    if args.only:
        chosen = {name: chosen[name] for name in args.only}
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        results = {name: bench(tmp) for name, bench in chosen.items()}
    if args.only:
        lines = [*TABLE_HEAD]
        for name, result in results.items():
            lines += ROWS[name](result)
        print("\n".join(lines))
        return 0
    table = report(results, import_costs())
    print(table)
    header = f"# Benchmark results\n\n{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, Python {sys.version.split()[0]}.\n\n"
    args.out.write_text(header + table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
