"""The printable feedback card: the code, "Anonymous feedback", the circle's name, a line on
scanning, and the link as text for anyone who cannot scan — all in the bundled font, so
accented letters and any script print as letters, not boxes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from circle_tui.core.qr import matrix, to_iri
from circle_tui.core.text import escape_controls
from circle_tui.drawing.font import font as bundled_font
from circle_tui.drawing.font import laid_out
from circle_tui.i18n import N_, _

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

DEFAULT_SIZE = 800
FEEDBACK_TITLE = N_("Anonymous feedback")


def card_lines(
    url: str, circle: str, size: int = DEFAULT_SIZE, title: str | None = None
) -> list[tuple[str, FreeTypeFont]]:
    """The lines beneath the code, each with its font: the title, the circle's name, a line
    on scanning, and the link as people type it (for anyone who cannot scan)."""
    title_font = bundled_font(max(16, size // 18), bold=True)
    text_font = bundled_font(max(12, size // 26))
    link_font = bundled_font(max(11, size // 32))
    if title is None or title == _(FEEDBACK_TITLE):
        title = _(FEEDBACK_TITLE)
        note = _("No names. Scan with your phone's camera.")
    else:
        note = _("Scan with your phone's camera.")
    width = size - 2 * (size // 20)
    lines = [
        (line, font)
        for text, font in (
            (title, title_font),
            (escape_controls(circle), text_font),
            (note, text_font),
        )
        for line in wrap_to_width(text, font, width)
    ]
    return lines + [(line, link_font) for line in link_lines(to_iri(url), link_font, width)]


def render_card(
    url: str, circle: str, level: str = "M", size: int = DEFAULT_SIZE, title: str | None = None
):
    """A Pillow image `size` pixels wide: black modules on white, text beneath. The code
    holds `url` as it is (ASCII); the text under it shows it as people type it."""
    from PIL import Image, ImageDraw

    modules = matrix(url, level)
    count = len(modules)
    scale = max(1, size // count)
    code_px = count * scale
    margin = (size - code_px) // 2
    lines = card_lines(url, circle, size, title)
    gap = int(lines[0][1].size) // 2  # half the title's height (a font's size is typed float)
    # Beneath the code: a gap, each line with its spacing, two gaps.
    height = margin + code_px + 3 * gap + sum(_line_height(font) for _, font in lines)
    image = Image.new("RGB", (size, height), "white")
    draw = ImageDraw.Draw(image)
    for y, row in enumerate(modules):
        for x, dark in enumerate(row):
            if dark:
                x0, y0 = margin + x * scale, margin + y * scale
                draw.rectangle((x0, y0, x0 + scale - 1, y0 + scale - 1), fill="black")
    y = margin + code_px + gap
    for line, font in lines:
        draw.text((size // 2, y), laid_out(line), fill="black", font=font, anchor="ma")
        y += _line_height(font)
    return image


def _line_height(font) -> int:
    """A line of text with half its height again beneath it."""
    size = int(font.size)
    return size + size // 2


def link_lines(link: str, font, width: float) -> list[str]:
    """The link in lines no wider than `width` pixels, broken only at `/`, `?` or `&`
    (as on the screens), and inside a piece only where it alone is too wide."""
    from circle_tui.drawing.terminal_qr import link_pieces

    lines: list[str] = []
    for piece in link_pieces(link):
        if lines and font.getlength(lines[-1] + piece) <= width:
            lines[-1] += piece
        else:
            lines.extend(wrap_to_width(piece, font, width))
    return lines


def wrap_to_width(text: str, font, width: float) -> list[str]:
    """`text` in lines no wider than `width` pixels in `font`: broken between words, and
    inside a word only where the word alone is too wide. Nothing is cut off."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while font.getlength(word) > width and len(word) > 1:
            cut = max(n for n in range(1, len(word)) if font.getlength(word[:n]) <= width or n == 1)
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def card_png(
    url: str,
    circle: str,
    level: str = "M",
    size: int = DEFAULT_SIZE,
    title: str | None = None,
) -> bytes:
    """The card as PNG bytes; the caller writes them atomically (storage/atomic), so a card
    that fails half-way (a full disk) leaves an older one whole."""
    import io

    buffer = io.BytesIO()
    render_card(url, circle, level, size, title).save(buffer, format="PNG")
    return buffer.getvalue()
