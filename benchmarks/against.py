"""Startup and key-to-frame of this tree against an earlier commit, measured in one run.

    python benchmarks/against.py 3b709f0~1        # e.g. the code before the session layer

The machine's speed drifts from minute to minute, so figures from different runs do not
compare: here the two trees start alternately, each pair's difference is taken, and the bare
app runs beside them. Needs git and tmux; the other tree is checked out in a temporary
worktree and removed afterwards.
"""

from __future__ import annotations

import argparse
import compileall
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402 - the shared helpers, from this directory

KEY = (
    "import json, sys, tempfile; from pathlib import Path; sys.argv = ['x'];"
    "sys.path[:0] = ['{tree}/benchmarks', '{tree}']; import run;"
    "print(json.dumps(run.bench_key({presses}, Path(tempfile.mkdtemp()))))"
)


def startup(trees: dict[str, Path], runs: int, env: dict[str, str]) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in [*trees, "bare"]}
    for i in range(runs):
        order = list(trees.items())[:: -1 if i % 2 else 1]  # neither tree always goes first
        for name, tree in order:
            argv = ["env", f"PYTHONPATH={tree}", sys.executable, "-m", "circle_tui"]
            times[name].append(run.time_to_text(argv, b"start today's circle", env))
        times["bare"].append(run.time_to_text(run.BARE, b"bare app ready", env))
    then, now = times["then"], times["now"]
    return {
        **{f"{name}_ms": 1000 * statistics.median(t) for name, t in times.items()},
        "difference_ms": 1000 * statistics.median(n - t for n, t in zip(now, then, strict=True)),
    }


def key_to_frame(trees: dict[str, Path], rounds: int, presses: int) -> dict[str, list[float]]:
    medians: dict[str, list[float]] = {name: [] for name in trees}
    for _ in range(rounds):
        for name, tree in trees.items():
            code = KEY.format(tree=tree, presses=presses)
            done = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, cwd=tree, check=True
            )
            medians[name].append(json.loads(done.stdout.splitlines()[-1])["median_ms"])
    return medians


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("rev", help="the earlier commit")
    parser.add_argument("--runs", type=int, default=24, help="startups of each (default 24)")
    parser.add_argument("--rounds", type=int, default=3, help="key benchmark runs of each")
    parser.add_argument("--presses", type=int, default=48, help="keys timed in each run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        then = Path(name) / "then"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(then), args.rev],
            check=True,
        )
        try:
            trees = {"then": then, "now": ROOT}
            for tree in trees.values():
                compileall.compile_dir(tree / "circle_tui", quiet=1)
            env = run.clean_env(Path(name) / "env")
            s = startup(trees, args.runs, env)
            k = key_to_frame(trees, args.rounds, args.presses)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(then)])
    print(
        f"startup to first frame, medians of {args.runs}: {args.rev} {s['then_ms']:.0f} ms "
        f"({s['then_ms'] / s['bare_ms']:.2f}x bare), this tree {s['now_ms']:.0f} ms "
        f"({s['now_ms'] / s['bare_ms']:.2f}x bare), bare {s['bare_ms']:.0f} ms; "
        f"median difference this tree - {args.rev}: {s['difference_ms']:+.0f} ms"
    )
    print(
        f"key to next frame, median of {args.presses} presses, {args.rounds} runs each: {args.rev} "
        + ", ".join(f"{m:.1f}" for m in k["then"])
        + " ms; this tree "
        + ", ".join(f"{m:.1f}" for m in k["now"])
        + " ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
