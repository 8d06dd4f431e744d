"""Typed quickly, a correction lands where it was typed: a text field's own editing keys are
not overtaken by the characters after them (textual#6605, seen as "Jo", ⌫, "ua" → "Jou")."""

from __future__ import annotations

from textual import events
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input

from circle_tui.settings import Settings
from circle_tui.ui.widgets.text_field import TextField
from tests.support.scenario import Facilitator, scripted_app

BURST = [("J", "J"), ("o", "o"), ("backspace", None), ("u", "u"), ("a", "a")]


def burst(app: App, keys: list[tuple[str, str | None]]) -> None:
    """Keys as a terminal delivers a fast burst: all queued before any is handled."""
    for key, char in keys:
        app.post_message(events.Key(key, char))


class Deep(App):
    """A field as deep in containers as the arrivals screen's."""

    def __init__(self, field: type[Input]) -> None:
        super().__init__()
        self.field = field

    def compose(self) -> ComposeResult:
        with VerticalScroll(), Vertical(), Horizontal(), Vertical():
            yield self.field()


async def test_a_burst_with_a_backspace_edits_in_the_order_typed():
    app = Deep(TextField)
    async with app.run_test() as pilot:
        app.query_one(Input).focus()
        await pilot.pause()
        burst(app, BURST + [("left", None), ("left", None), ("backspace", None), ("x", "x")])
        await pilot.pause()
        assert app.query_one(Input).value == "xua"


async def test_textual_own_input_is_overtaken_there_so_the_test_above_can_fail():
    app = Deep(Input)
    async with app.run_test() as pilot:
        app.query_one(Input).focus()
        await pilot.pause()
        burst(app, BURST)
        await pilot.pause()
        assert app.query_one(Input).value != "Jua"


async def test_a_name_typed_quickly_on_arrivals_is_the_name_meant(tmp_path):
    app = scripted_app(tmp_path, Settings())
    async with app.run_test(size=(100, 30)) as pilot:
        f = Facilitator(pilot)
        await f.press("enter", "t")
        burst(app, [*BURST, ("enter", None)])
        await pilot.pause()
        await f.settle()
        assert [p.label for p in app.session.circle.participants] == ["Jua"]
