"""The layers of DESIGN §6 hold: core is plain Python, only ui/ knows Textual, the CLI never loads it."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "circle_tui"
CORE = PACKAGE / "core"
UI = PACKAGE / "ui"


def imports_of(path: Path) -> list[str]:
    """Every module a source file imports, absolute, wherever in the file the import is."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def sources(root: Path) -> list[Path]:
    return sorted(root.rglob("*.py"))


def test_core_imports_no_library_for_screens_or_storage_and_nothing_above_it():
    forbidden = ("textual", "tinydb", "rich", "circle_tui.storage", "circle_tui.ui")
    forbidden += ("circle_tui.session", "circle_tui.cli", "circle_tui.settings")
    offenders = [
        f"{path.name}: {name}"
        for path in sources(CORE)
        for name in imports_of(path)
        if name.startswith(forbidden)
    ]
    assert offenders == []


def test_only_the_ui_package_imports_textual_and_nothing_outside_it_imports_the_ui():
    offenders = [
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in sources(PACKAGE)
        if UI not in path.parents
        for name in imports_of(path)
        if name.split(".")[0] == "textual" or name.startswith("circle_tui.ui")
    ]
    # The default command and `room` start a screen: cli/__init__ and cli/room may reach ui.
    allowed = {"cli/__init__.py: circle_tui.ui.app", "cli/room.py: circle_tui.ui.room"}
    assert sorted(set(offenders) - allowed) == []


def test_importing_every_core_module_loads_no_ui_or_storage_library():
    modules = sorted(f"circle_tui.core.{p.stem}" for p in CORE.glob("*.py") if p.stem != "__init__")
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'tinydb', 'rich')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert len(modules) >= 8


PROBE = """
import contextlib, io, json, sys
from circle_tui.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    code = main(sys.argv[1:])
print(json.dumps({"code": code, "textual": sorted(m for m in sys.modules if m.split(".")[0] == "textual")}))
"""


@pytest.mark.parametrize(
    "argv",
    [
        ["privacy"],
        ["qr", "--png", "card.png"],  # the terminal code needs a terminal: see test_qr
        ["attendance"],
        ["attendance", "--format", "csv"],
        ["agreements", "list"],
        ["config"],
    ],
    ids=" ".join,
)
def test_host_commands_run_without_loading_textual(argv, isolated_dirs, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    isolated_dirs["config"].parent.mkdir(parents=True)
    isolated_dirs["config"].write_text('feedback_url = "https://forms.example.org/f?d={date}"\n')
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=True
    )
    result = json.loads(done.stdout)
    assert result == {"code": 0, "textual": []}
