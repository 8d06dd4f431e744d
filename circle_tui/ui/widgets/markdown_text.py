"""Markdown drawn as text: paragraphs, emphasis, lists, quotes, headings, code and links.

Agreement cards, opening and closing words and the resources card are short Markdown. Drawn
as one widget of styled text (from the same CommonMark parser that reads the sets) rather
than Textual's Markdown widget, which builds a widget per block and brought its own parser,
highlighter and link finder along: several MiB and a slower first frame on every card."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from circle_tui.core.agreements import commonmark

INLINE_STYLES = {"em": "italic", "strong": "bold", "s": "strike", "link": "underline"}
HEADING_STYLE = "bold"
CODE_STYLE = "$text-accent"
QUOTE_STYLE = "$text-muted"


@dataclass(frozen=True)
class Block:
    """One paragraph, heading, item or code block, with what stands before its lines."""

    content: Content
    first: str = ""  # before the first line: a bullet, a number, a quote bar
    rest: str = ""  # before the lines after it
    gap: bool = True  # a blank line before it
    wrap: bool = True  # code keeps its lines


def _inline(token) -> Content:
    """A paragraph's or heading's words, with their emphasis."""
    parts: list[Content] = []
    styles: list[str] = []
    link: list[str] = []
    for child in token.children or ():
        kind = child.type
        style = " ".join(styles)
        if kind == "text":
            parts.append(Content.styled(child.content, style))
        elif kind == "code_inline":
            parts.append(Content.styled(child.content, f"{style} {CODE_STYLE}".strip()))
        elif kind == "softbreak":
            parts.append(Content(" "))
        elif kind == "hardbreak":
            parts.append(Content("\n"))
        elif kind == "image":
            parts.append(Content.styled(child.content, style))
        elif kind.endswith("_open") and kind[:-5] in INLINE_STYLES:
            styles.append(INLINE_STYLES[kind[:-5]])
            if kind == "link_open":
                link.append(str(child.attrGet("href") or ""))
        elif kind.endswith("_close") and kind[:-6] in INLINE_STYLES:
            if styles:
                styles.pop()
            if kind == "link_close" and link:
                href = link.pop()
                shown = parts[-1].plain if parts else ""
                if href and href != shown and href.removeprefix("mailto:") != shown:
                    parts.append(Content(f" ({href})"))
        elif child.content:  # html_inline and anything newer: shown as written
            parts.append(Content(child.content))
    return Content("").join(parts)


def blocks(markdown: str) -> list[Block]:
    """The text's blocks in order, each knowing its indent and bullet."""
    out: list[Block] = []
    numbers: list[int | None] = []  # per open list: the next number, or None for bullets
    indents: list[str] = []  # per open list item: the indent of its lines after the bullet
    quote = 0
    bullet = ""  # an item's bullet, waiting for the item's first paragraph
    tight = heading = new_list = False
    for token in commonmark().parse(markdown):
        kind = token.type
        prefix = "▎ " * quote + "".join(indents)
        if kind == "bullet_list_open":
            numbers.append(None)
            new_list = len(numbers) == 1  # a list of its own, not one inside an item
        elif kind == "ordered_list_open":
            numbers.append(int(token.attrGet("start") or 1))
            new_list = len(numbers) == 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            numbers.pop()
        elif kind == "list_item_open":
            number = numbers[-1]
            bullet = "• " if number is None else f"{number}. "
            if number is not None:
                numbers[-1] = number + 1
            indents.append(" " * len(bullet))
        elif kind == "list_item_close":
            indents.pop()
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "paragraph_open":
            tight = bool(token.hidden)  # a paragraph of a tight list: items follow closely
        elif kind == "heading_open":
            heading, tight = True, False
        elif kind == "heading_close":
            heading = False
        elif kind == "inline":
            content = _inline(token)
            if heading:
                content = content.stylize(HEADING_STYLE)
            if quote:
                content = content.stylize(QUOTE_STYLE)
            if bullet:
                first = "▎ " * quote + "".join(indents[:-1]) + bullet
                out.append(Block(content, first, prefix, gap=new_list or not tight))
                bullet, new_list = "", False
            else:
                out.append(Block(content, prefix, prefix, gap=not tight))
        elif kind in ("fence", "code_block"):
            code = Content.styled(token.content.rstrip("\n"), CODE_STYLE)
            out.append(Block(code, prefix + "    ", prefix + "    ", wrap=False))
        elif kind == "hr":
            out.append(Block(Content.styled("─" * 20, QUOTE_STYLE), prefix, prefix))
        elif kind == "html_block":
            out.append(Block(Content(token.content.rstrip("\n")), prefix, prefix))
    return out


def lay_out(items: list[Block], width: int) -> list[Content]:
    """The blocks as lines of at most `width` cells, each with its bullet or indent."""
    lines: list[Content] = []
    for block in items:
        if lines and block.gap:
            lines.append(Content(""))
        room = max(8, width - len(block.first))
        wrapped = block.content.wrap(room) if block.wrap else block.content.split("\n")
        for i, line in enumerate(wrapped or [Content("")]):
            lines.append(Content(block.first if i == 0 else block.rest) + line)
    return lines


class MarkdownText(Widget):
    """Short Markdown as wrapped, styled text that reflows with the width."""

    DEFAULT_CSS = """
    MarkdownText { height: auto; }
    """

    def __init__(self, markdown: str = "", *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self._blocks = blocks(markdown)
        self._lines: tuple[int, list[Content]] | None = None

    def update(self, markdown: str) -> None:
        self._blocks = blocks(markdown)
        self._lines = None
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Content]:
        if self._lines is None or self._lines[0] != width:
            self._lines = (width, lay_out(self._blocks, width))
        return self._lines[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_region.width or 80))
