"""Text is text on every screen: markup in any field a person or a file can fill is shown as
typed, at 80×24, and never parsed (a `[/]` used to crash the screen that showed it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

from circle_tui.core.rounds import RoundSpec
from circle_tui.settings import Settings
from circle_tui.storage.attendance import AttendanceLog
from circle_tui.ui.screens.attendance import AttendanceScreen
from circle_tui.ui.screens.confirm import PickSeatScreen
from circle_tui.ui.screens.draft import DraftScreen
from circle_tui.ui.screens.settings import SettingsScreen, field_id
from tests.support.helpers import record
from tests.support.ui_support import Facilitator, make_app, screen_text

#: Textual and Rich markup that would crash (`[/]`), restyle or link (`[b]`, `[link=…]`), or run
#: an action and fill a template variable (`[@click=…]`, `$x`). Short enough for a typed name.
PAYLOADS = ["[/]", "[b]x[/b][link=e]l", "[@click=app.quit]$x"]


def payload_set(root: Path, p: str) -> None:
    """An agreement set and a resources card of the facilitator's own, markup everywhere."""
    folder = root / "config" / "agreements"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mine.md").write_text(
        f"# Set {p}\n\n## Opening words\n\nWelcome {p}\n\n## Card {p}\n\nListen {p}\n\n"
        f"## Closing words\n\nBye {p}\n",
        encoding="utf-8",
    )
    (folder / "resources-mine.md").write_text(
        f"# Help {p}\n\n## Line {p}\n\nCall {p}\n", encoding="utf-8"
    )


def hostile_settings(p: str) -> Settings:
    return Settings(
        circle_name=f"Circle {p}",
        agreements="mine",
        resources="resources-mine",
        feedback_url=f"https://forms.example.org/f?c={{circle}}&t={p}",
        rounds=(RoundSpec(f"Round {p}", 1, f"Ask {p}"), RoundSpec("closing", 1, closing=True)),
    )


def shows(app, *texts: str) -> None:
    on_screen = screen_text(app)
    for text in texts:
        assert text in on_screen, f"{text!r} not shown on {type(app.screen).__name__}"


@pytest.mark.parametrize("p", PAYLOADS)
async def test_markup_in_every_text_of_a_circle_is_shown_as_typed(tmp_path, p):
    payload_set(tmp_path, p)
    AttendanceLog.open(tmp_path / "data")[0].save(record(circle=f"Old {p}"))
    app = make_app(tmp_path, hostile_settings(p))
    async with app.run_test(size=(80, 24)) as pilot:
        f = Facilitator(pilot)
        await f.settle()  # the sets are read just after the first frame
        shows(app, f"Circle {p}", f"Set {p}")
        await f.press("enter", "t")
        app.screen.query_one("#name").value = f"Al {p}"  # as a paste would put it
        await f.press("enter", "plus", "n")
        shows(app, f"Al {p}")
        await f.press("enter")
        shows(app, f"Welcome {p}")
        await f.press("enter", "r")  # agreements, with the reader rotation on
        shows(app, f"Set {p}", f"Card {p}", f"Listen {p}")
        await f.press("right", "right")  # "Do we agree?", then the rounds
        shows(app, f"Round {p}", f"Ask {p}")
        await f.press("enter")  # start the round: the first speaker is the typed name
        shows(app, f"Al {p}")
        await f.press("l")
        assert isinstance(app.screen, PickSeatScreen)
        shows(app, f"Al {p}")
        await f.press("enter")  # Al …
        shows(app, f"Al {p}:")
        await f.press("down", "enter")  # … leaves: the queue lists the name under "left"
        await f.press("r", "enter", "c", "enter")  # end the round, go to closing
        shows(app, f"Bye {p}", f"Help {p}", f"Line {p}")
        await f.press("enter")
        shows(app, f"Circle {p}")
        await f.press("enter")
        await f.settle()
        await f.press("a")
        await f.settle()
        assert isinstance(app.screen, AttendanceScreen)
        shows(app, f"Old {p}", f"Circle {p}")
        await f.press("c")  # the circle filter names the circle
        await f.press("d")  # delete asks, quoting the circle's name
        shows(app, f"Circle {p}")
        await f.press("escape", "escape", "s")
        assert isinstance(app.screen, SettingsScreen)
        shows(app, "mine")
        app.screen.query_one("#" + field_id("circle_name")).value = f"New {p}\x1b"
        await f.press("ctrl+s")
        assert isinstance(app.screen, SettingsScreen)  # refused, and said where
        assert app.session.settings.circle_name == f"Circle {p}"


async def test_an_unfinished_session_with_markup_in_its_circle_name_is_offered_as_typed(tmp_path):
    p = "[/][b]x"
    AttendanceLog.open(tmp_path / "data")[0].save(record(circle=f"Draft {p}", status="in_progress"))
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DraftScreen)
        shows(app, f"Draft {p}")


async def test_errors_quoting_a_path_with_markup_are_shown_as_typed(tmp_path):
    p = '[b]x[@click=app.quit][x="]'  # no `/` in a folder's name; `[x="]` crashes a parser
    root = tmp_path / p
    folder = root / "config" / "agreements"
    folder.mkdir(parents=True)
    (folder / "broken.md").write_text("# Set\n\n<div>raw html</div>\n", encoding="utf-8")
    app = make_app(root, Settings(agreements="broken"))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await Facilitator(pilot).settle()  # the sets are read just after the first frame
        checklist = app.screen.query_one("#checklist").render().plain
        assert p in checklist and "HTML is not allowed" in checklist
        await Facilitator(pilot).press("enter", "plus", "enter", "enter")
        await pilot.pause()
        assert app.is_running  # the agreements screen, which the room reads, says nothing of it


async def test_a_pasted_name_with_a_control_character_is_refused_and_nobody_is_counted(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        f = Facilitator(pilot)
        await f.press("enter", "t")
        field = app.screen.query_one("#name", Input)
        for pasted, named in [
            ("Al\x1b[31m", "U+001B, escape"),
            ("Bo\u202eb", "U+202E, right-to-left override"),
            ("Cy\x07", "U+0007, bell"),
            ("\x00", "U+0000, null"),
            ("Di\u2066", "U+2066, left-to-right isolate"),
        ]:
            field.value = ""
            field.post_message(events.Paste(pasted))
            await f.press("enter")
            assert app.session.circle.counts().present == 0
            assert field.display and field.value == pasted  # kept, to be corrected
            said = str(app.screen.query_one("#last-action").render())
            assert said.startswith("Not counted: the name has ") and named in said
        field.value = "Al"
        await f.press("enter")
        assert [p.label for p in app.session.circle.participants] == ["Al"]
