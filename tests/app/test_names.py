"""Names in every column: laid out by cell width, cut with `…` where they meet an edge, never
wrapping a row; the name fields say where their limit is (issue 26)."""

from __future__ import annotations

from rich.cells import cell_len

from circle_tui.core.people import MAX_NAME
from circle_tui.core.plan import Phase
from circle_tui.settings import Settings
from circle_tui.ui.widgets.airtime import BAR_WIDTH, airtime_text
from circle_tui.ui.widgets.lines import ellipsized
from tests.support.scenario import Facilitator, scripted_app
from tests.support.ui_support import screen_text

#: Emoji, Chinese (two cells a character), Arabic and Hebrew (right to left), and Latin.
NAMES = ["🌻 Sol", "王小明", "مريم", "שרה", "Ana"]
BARS = set("█░")


def bar_columns(lines: list[str]) -> set[int]:
    """The cell column where each line's first bar starts."""
    return {cell_len(line[: next(i for i, c in enumerate(line) if c in BARS)]) for line in lines}


def test_airtime_bars_line_up_whatever_the_script_of_each_name():
    rows = [(name, 60.0 * (i + 1)) for i, name in enumerate(NAMES)]
    lines = airtime_text(rows, 30).plain.splitlines()
    assert len(lines) == len(NAMES)  # one entry a line in a narrow panel
    assert len(bar_columns(lines)) == 1  # every bar starts in the same column
    assert {cell_len(line) for line in lines} == {max(map(cell_len, NAMES)) + 1 + BAR_WIDTH + 7}


def test_a_long_name_ends_in_an_ellipsis_and_never_wraps_the_airtime_rows():
    long = "Bartholomew Alexander Montgomery"
    rows = [(long, 300.0), ("Ana", 60.0), ("王小明王小明王小明王小明", 120.0)]
    for width in (30, 38):
        lines = airtime_text(rows, width).plain.splitlines()
        assert len(lines) == 3, width  # a row each: no unit pushed onto a line of its own
        assert all(cell_len(line) <= width for line in lines), width
        assert len(bar_columns(lines)) == 1
        assert lines[0].split(" ")[0].startswith("Bartholomew") and "…" in lines[0]
        assert all(line.endswith("min") for line in lines)


def test_an_ellipsis_is_measured_in_cells():
    assert ellipsized("王小明王小明", 7) == "王小明…"
    assert cell_len(ellipsized("🌻🌻🌻🌻", 5)) <= 5
    assert ellipsized("Ana", 3) == "Ana"


async def test_the_rounds_panel_lines_up_emoji_chinese_and_right_to_left_names(tmp_path):
    app = scripted_app(tmp_path, Settings(circle_name="Tuesday circle", room_safe="off"))
    async with app.run_test(size=(120, 40)) as pilot:
        circle = app.session.start()
        for name in NAMES:
            circle.arrive(name=name)
        circle.go_to(Phase.ROUNDS)
        circle.start_round()
        for _ in NAMES:
            circle.next_speaker()
            app.session.clock.advance(45)
        circle.next_speaker()
        await pilot.pause()
        app.screen.refresh_view()
        await pilot.pause()
        text = screen_text(app)
    panel = [line[line.rindex("│") + 1 :] for line in text.splitlines() if "│" in line]
    bars = [line for line in panel if set(line) & BARS]
    assert len(bars) == len(NAMES)
    assert len(bar_columns(bars)) == 1


async def test_a_40_character_name_typed_stops_at_the_limit_and_says_so(tmp_path):
    app = scripted_app(tmp_path, Settings(circle_name="Tuesday circle"))
    async with app.run_test(size=(80, 24)) as pilot:
        app.session.start()
        await pilot.pause()
        f = Facilitator(pilot)
        await f.press("t", *"Bartholomew Alexander Montgomery-Smithee")  # 40 characters
        field = app.screen.query_one("#name")
        text = screen_text(app)
        assert len(field.value) == MAX_NAME
        assert f"{MAX_NAME} characters at most" in text
        await f.press("backspace", "backspace")
        assert f"{MAX_NAME - 2}/{MAX_NAME}" in screen_text(app)  # the count, once below it


async def test_a_long_round_name_ends_in_an_ellipsis_on_the_round_bar(tmp_path):
    """The round bar is one line: a long round name is cut with `…`, never silently."""
    from circle_tui.core.rounds import RoundSpec

    long_name = "as long as it takes for everyone who came tonight to settle in"
    plan = (RoundSpec(long_name, 3), RoundSpec("closing", 1, closing=True))
    app = scripted_app(tmp_path, Settings(rounds=plan))
    async with app.run_test(size=(80, 24)) as pilot:
        circle = app.session.start()
        circle.arrive()
        circle.go_to(Phase.ROUNDS)
        for _ in range(3):
            await pilot.pause()
        bar = screen_text(app).splitlines()[1]
    assert "round 1 of 2 · as long as it takes" in bar
    assert "…" in bar and "session" in bar  # cut, and the session clock beside it is whole
