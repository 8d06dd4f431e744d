"""The printable feedback card: the code, the circle's name and "Anonymous feedback"."""

from __future__ import annotations

from pathlib import Path

from circle_tui.core.qr import matrix
from circle_tui.core.text import escape_controls
from circle_tui.i18n import N_, _

DEFAULT_SIZE = 800
FEEDBACK_TITLE = N_("Anonymous feedback")


def render_card(
    url: str, circle: str, level: str = "M", size: int = DEFAULT_SIZE, title: str | None = None
):
    """A Pillow image `size` pixels wide: black modules on white, text beneath."""
    from PIL import Image, ImageDraw, ImageFont

    modules = matrix(url, level)
    count = len(modules)
    scale = max(1, size // count)
    code_px = count * scale
    margin = (size - code_px) // 2
    title_size = max(16, size // 18)
    text_size = max(12, size // 26)
    title_font = ImageFont.load_default(size=title_size)
    text_font = ImageFont.load_default(size=text_size)
    if title is None or title == _(FEEDBACK_TITLE):
        title = _(FEEDBACK_TITLE)
        note = _("No names. Scan with your phone's camera.")
    else:
        note = _("Scan with your phone's camera.")
    text_width = size - 2 * max(margin, size // 20)
    lines = [
        (line, font)
        for text, font in (
            (title, title_font),
            (escape_controls(circle), text_font),
            (note, text_font),
        )
        for line in wrap_to_width(text, font, text_width)
    ]
    # Beneath the code: half a title's height, each line with its spacing, half a title again.
    height = margin + code_px + title_size // 2 + title_size // 2
    height += sum(font.size + font.size // 2 for _, font in lines)
    image = Image.new("RGB", (size, height), "white")
    draw = ImageDraw.Draw(image)
    for y, row in enumerate(modules):
        for x, dark in enumerate(row):
            if dark:
                x0, y0 = margin + x * scale, margin + y * scale
                draw.rectangle((x0, y0, x0 + scale - 1, y0 + scale - 1), fill="black")
    y = margin + code_px + title_size // 2
    for line, font in lines:
        draw.text((size // 2, y), line, fill="black", font=font, anchor="ma")
        y += font.size + font.size // 2
    return image


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


def save_card(
    path: Path,
    url: str,
    circle: str,
    level: str = "M",
    size: int = DEFAULT_SIZE,
    title: str | None = None,
) -> Path:
    image = render_card(url, circle, level, size, title)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG")
    return path
