"""The README's screenshots can be made again: `assets/screenshot.py` had rotted unnoticed
(it imported modules that had moved), so it runs here on every change."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "assets" / "screenshot.py"


def load_script():
    spec = importlib.util.spec_from_file_location("readme_screenshot", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def test_the_rounds_screenshot_shows_a_turn_the_panel_and_a_pass(tmp_path):
    target = tmp_path / "rounds.svg"
    await load_script().rounds_screen(target)
    svg = target.read_text(encoding="utf-8")
    for words in ("now&#160;speaking", "airtime", "passed", "Robin", "Sam"):
        assert words in svg, words


async def test_the_room_view_screenshot_shows_who_speaks_and_the_cue(tmp_path):
    target = tmp_path / "room.svg"
    await load_script().room_view(target)
    svg = target.read_text(encoding="utf-8")
    assert "now&#160;speaking" in svg and "seconds&#160;left" in svg
