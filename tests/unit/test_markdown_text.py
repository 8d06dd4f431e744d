"""Markdown drawn as text: what agreement cards and the resources card are written with."""

from circle_tui.ui.widgets.markdown_text import blocks, lay_out

CARD = """\
Use "I" rather than *you* and **never** `we`; see [the guide](https://example.org/g).

- one item long enough to wrap around the narrow width given here
- two
  - nested
- three

1. first
2. second

> a quote

### A heading

After the heading.
"""


def lines(markdown: str, width: int = 40) -> list[str]:
    return [line.plain for line in lay_out(blocks(markdown), width)]


def test_paragraphs_lists_quotes_and_headings_are_laid_out_with_their_indents():
    assert lines(CARD) == [
        'Use "I" rather than you and never we;',
        "see the guide (https://example.org/g).",
        "",
        "• one item long enough to wrap around",
        "  the narrow width given here",
        "• two",
        "  • nested",
        "• three",
        "",
        "1. first",
        "2. second",
        "",
        "▎ a quote",
        "",
        "A heading",
        "",
        "After the heading.",
    ]


def test_emphasis_is_styled_not_spelled_out():
    (line,) = lay_out(blocks("*soft* and **firm**"), 40)
    styles = {str(span.style) for span in line.spans}
    assert line.plain == "soft and firm" and {"italic", "bold"} <= styles


def test_a_heading_after_a_list_keeps_its_blank_line():
    assert lines("- a\n- b\n\n### Next\n\ntext") == ["• a", "• b", "", "Next", "", "text"]


def test_markup_characters_are_text():
    assert lines("[b]not bold[/b] and [/] and [@click=app.quit]x[/]") == [
        "[b]not bold[/b] and [/] and",
        "[@click=app.quit]x[/]",
    ]
