"""The floors in pyproject.toml are true: install circle-tui with the lowest version of each
direct dependency that pyproject allows, and run a quick subset of the suite on it.

    python tests/support/floors.py [--python 3.11]

Needs the package index (uv is installed into a throwaway venv if it is not here). Prints the
versions it ran against, and exits as pytest does."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Tests of the core, storage, CLI, QR card, reports and one Pilot walk: what each direct
#: dependency is used for, without the snapshot tools (they pin their own Textual).
SUBSET = [
    "tests/unit/test_circle.py",
    "tests/unit/test_timer.py",
    "tests/unit/test_agreements.py",
    "tests/unit/test_config.py",
    "tests/app/test_settings.py",
    "tests/unit/test_storage.py",
    "tests/unit/test_exchange.py",
    "tests/unit/test_migration.py",
    "tests/unit/test_cli_attendance.py",
    "tests/unit/test_cli_output.py",
    "tests/unit/test_qr.py",
    "tests/unit/test_summary.py",
    "tests/unit/test_report.py",
    "tests/unit/test_session.py",
    "tests/unit/test_i18n.py",
    "tests/unit/test_text.py",
    "tests/unit/test_room_socket.py",
    "tests/app/test_ui_circle.py",
]
#: What the subset itself needs, at today's versions (none of them pins a dependency of ours).
TEST_TOOLS = ["pytest", "pytest-asyncio", "hypothesis", "zxing-cpp"]


def uv(work: Path) -> list[str]:
    found = shutil.which("uv")
    if found:
        return [found]
    tools = work / "tools"
    subprocess.run([sys.executable, "-m", "venv", str(tools)], check=True)
    subprocess.run([str(tools / "bin" / "pip"), "install", "-q", "uv"], check=True)
    return [str(tools / "bin" / "uv")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", default=f"{sys.version_info[0]}.{sys.version_info[1]}")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="circle-tui-floors-") as tmp:
        work = Path(tmp)
        venv = work / "venv"
        run_uv = uv(work)
        env = {**os.environ, "VIRTUAL_ENV": str(venv)}
        subprocess.run([*run_uv, "venv", "-q", "-p", args.python, str(venv)], check=True)
        subprocess.run(
            [*run_uv, "pip", "install", "-q", "--resolution", "lowest-direct", str(ROOT)],
            check=True,
            env=env,
        )
        subprocess.run([*run_uv, "pip", "install", "-q", *TEST_TOOLS], check=True, env=env)
        listed = subprocess.run(
            [*run_uv, "pip", "list", "--format", "freeze"],
            check=True,
            env=env,
            capture_output=True,
            text=True,
        ).stdout
        project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
        direct = {
            req.split(">")[0].split("<")[0].split("=")[0].strip().lower()
            for req in project["project"]["dependencies"]
        }
        pins = [line for line in listed.splitlines() if line.split("==")[0].lower() in direct]
        print("lowest direct versions:", ", ".join(sorted(pins)), flush=True)
        return subprocess.run(
            [
                str(venv / "bin" / "python"),
                "-m",
                "pytest",
                "-q",
                "-o",
                "addopts=",
                "-p",
                "no:cacheprovider",
                *SUBSET,
            ],
            cwd=ROOT,
        ).returncode


if __name__ == "__main__":
    sys.exit(main())
