"""The layers of DESIGN §6 hold. The import contracts (pyproject's [tool.importlinter],
drawn in circle_tui/ARCHITECTURE.md) are checked by lint-imports; what it cannot see is
checked here at run time: importing core loads no screen or storage library, and the CLI's
host commands never load Textual."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "circle_tui"
CORE = PACKAGE / "core"


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` on the package under `root`, with the contracts in its pyproject.toml."""
    code = "import sys; from importlinter.cli import lint_imports_command; lint_imports_command()"
    return subprocess.run(
        [sys.executable, "-c", code, "--no-cache"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},  # this tree's package, not the installed one
        capture_output=True,
        text=True,
    )


def test_the_import_contracts_in_pyproject_hold():
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout and " kept, 0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "bad_import", "contract"),
    [
        ("core/text.py", "import circle_tui.storage.atomic", "Layers:"),
        ("session/__init__.py", "import circle_tui.room.snapshot", "Layers:"),
        ("ui/app.py", "import circle_tui.cli.output", "Layers:"),
        ("core/timer.py", "import rich.text", "Core is plain Python"),
        ("storage/atomic.py", "import textual.app", "Only the UI knows Textual"),
        ("settings/kinds.py", "from circle_tui.settings import schema", "No import cycles"),
    ],
    ids=["core-above", "session-room", "ui-cli", "core-rich", "storage-textual", "cycle"],
)
def test_an_import_against_the_layers_breaks_a_contract(tmp_path, module, bad_import, contract):
    """The check can fail: the same contracts on a copy of the package with one bad import."""
    shutil.copytree(PACKAGE, tmp_path / "circle_tui", ignore=shutil.ignore_patterns(*BULKY))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    source = tmp_path / "circle_tui" / module
    source.write_text(source.read_text(encoding="utf-8") + f"\n{bad_import}  # noqa\n")
    done = lint_imports(tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    broken = done.stdout.split("Broken contracts")[-1]
    assert contract in broken


#: What the import graph does not need: fonts, catalogues, agreement sets, caches.
BULKY = ("fonts", "locale", "agreements", "__pycache__", "*.tcss")


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
