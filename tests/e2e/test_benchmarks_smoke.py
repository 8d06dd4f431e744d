"""The benchmark script keeps working (tiny sizes); its figures are not asserted: no timed tests."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_benchmark_script_runs_and_prints_all_five_rows(tmp_path):
    if shutil.which("tmux") is None and not os.environ.get("CI"):
        pytest.skip("the benchmarks drive the app in tmux, which is not installed")
    out = tmp_path / "results.md"
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    for row in (
        "| 1. startup",
        "| 2. idle CPU",
        "| 3. peak memory",
        "| 4. key to next frame",
        "| 5. `circle-tui attendance`",
        "| 7. console key → room view frame, 1 room view",
        "| 7. console key → room view frame, 3 room views",
        "| 7. console key → console frame, a SIGSTOPped room view",
    ):
        assert row in done.stdout
    assert out.read_text(encoding="utf-8").startswith("# Benchmark results")


@pytest.mark.slow
def test_the_comparison_with_an_earlier_commit_runs_and_cleans_up(tmp_path):
    if shutil.which("tmux") is None and not os.environ.get("CI"):
        pytest.skip("the benchmarks drive the app in tmux, which is not installed")
    if not (ROOT / ".git").exists():
        pytest.skip("needs the git history")
    worktrees = worktree_paths()
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "against.py"), "HEAD", "--runs", "1",
         "--rounds", "1", "--presses", "2"],
        capture_output=True,
        text=True,
        timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "startup to first frame" in done.stdout and "key to next frame" in done.stdout
    assert worktree_paths() == worktrees  # its temporary checkout is gone


def worktree_paths() -> set[str]:
    """The checkout's worktrees by path (their commits move as others commit meanwhile)."""
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "list", "--porcelain"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {line.split(" ", 1)[1] for line in listed.splitlines() if line.startswith("worktree ")}
