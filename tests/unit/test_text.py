"""Control and text-direction characters: found and named at the door, escaped at the exit."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from circle_tui.core.text import (
    ascii_substitute,
    control_problem,
    escape_controls,
    first_control,
)

REFUSED = [
    ("\x00", "a control character (U+0000, null)"),
    ("\x1b", "a control character (U+001B, escape)"),
    ("\t", "a control character (U+0009, tab)"),
    ("\x7f", "a control character (U+007F, delete)"),
    ("\x9b", "a control character (U+009B)"),  # C1 CSI: a one-byte escape sequence
    ("\u202e", "a text-direction control (U+202E, right-to-left override)"),
    ("\u202a", "a text-direction control (U+202A, left-to-right embedding)"),
    ("\u2066", "a text-direction control (U+2066, left-to-right isolate)"),
    ("\u2069", "a text-direction control (U+2069, pop directional isolate)"),
    ("\u2028", "an invisible line break (U+2028, line separator)"),
    ("\ud800", "a lone surrogate (U+D800)"),
]


@pytest.mark.parametrize(("char", "named"), REFUSED, ids=[hex(ord(c)) for c, _ in REFUSED])
def test_each_refused_character_is_found_and_named_with_its_code_point(char, named):
    found = first_control(f"Tuesday{char} circle")
    assert found is not None and found.index == 7 and str(found) == named
    assert control_problem(f"ab{char}").startswith(f"{named} at character 3; delete it")


@pytest.mark.parametrize(
    "text",
    [
        "Tuesday circle",
        "Café [b]bold[/b] =1+1 'quoted'",
        "שלום\u200f 12",  # a right-to-left mark: Hebrew and Arabic names need it
        "عربي\u061c",
        "👩\u200d👩\u200d👧",  # zero-width joiners in an emoji sequence
    ],
)
def test_ordinary_text_marks_and_joiners_pass(text):
    assert first_control(text) is None and control_problem(text) is None


def test_allowed_characters_are_skipped_and_the_next_refused_one_is_named():
    found = first_control("a\tb\x1bc", allowed="\t")
    assert found is not None and found.char == "\x1b" and found.index == 3


def test_escaping_shows_each_refused_character_as_its_code():
    assert escape_controls("a\x1b[2Jb\u202ec\n") == "a\\x1b[2Jb\\u202ec\\x0a"
    assert escape_controls("line\nnext\x07", keep="\n") == "line\nnext\\x07"


@given(st.text())
def test_escaped_text_has_no_refused_character_left(text):
    assert first_control(escape_controls(text)) is None


def test_ascii_substitutes_keep_the_meaning_of_common_punctuation():
    assert ascii_substitute("3 sessions · 9 present — 2×… é") == "3 sessions * 9 present - 2x... ?"


# -- names drawn large (issue 26) -------------------------------------------------------------
def test_a_name_in_any_script_is_drawn_large_and_an_emoji_sits_beside_it_on_the_middle_row():
    from rich.cells import cell_len

    from circle_tui.ui.widgets.big_text import big_name

    for name in ("שרה", "مريم", "Ψυχή", "Жанна", "MARÍA JOSÉ"):
        rows = big_name(name, 1)
        assert rows and len(rows) >= 4, name  # several rows of half blocks, not one line
        assert len({cell_len(row) for row in rows}) == 1, name  # a block: centring keeps it
        assert set("".join(rows)) <= set(" ▀▄█"), name
    rows = big_name("🌻 Sol", 1)
    assert rows is not None and len({cell_len(row) for row in rows}) == 1
    (emoji_row,) = [i for i, row in enumerate(rows) if "🌻" in row]
    assert emoji_row == (len(rows) - 1) // 2 and rows[emoji_row].startswith("🌻")
    assert big_name("中文", 1) is None  # nothing here draws it large: ordinary text


def test_a_hebrew_name_is_drawn_from_the_right():
    """The first letter (ש, three strokes up) is drawn at the right end, not the left."""
    from circle_tui.ui.widgets.big_text import big_name

    alone, first_two = big_name("ש", 1), big_name("שר", 1)
    assert alone and first_two
    width = len(alone[0])
    assert [row[-width:] for row in first_two] == alone


def test_without_pillow_s_layout_engine_a_hebrew_name_still_reads_from_the_right(monkeypatch):
    """The fallback where Pillow has no raqm: right-to-left runs reversed before drawing."""
    from circle_tui.drawing import font
    from circle_tui.ui.widgets.big_text import big_name

    monkeypatch.setattr(font, "shaping", lambda: False)
    font.font.cache_clear()
    try:
        assert font.font(14).layout_engine == 0  # ImageFont.Layout.BASIC
        alone, first_two = big_name("ש", 1), big_name("שר", 1)
        assert alone and first_two
        assert [row[-len(alone[0]) :] for row in first_two] == alone
    finally:
        font.font.cache_clear()
