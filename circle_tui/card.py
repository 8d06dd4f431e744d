"""The printable feedback card: the code, the circle's name and "Anonymous feedback"."""

from __future__ import annotations

from pathlib import Path

from circle_tui.core.qr import matrix

DEFAULT_SIZE = 800
FEEDBACK_TITLE = "Anonymous feedback"


def render_card(
    url: str, circle: str, level: str = "M", size: int = DEFAULT_SIZE, title: str = FEEDBACK_TITLE
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
    height = margin + code_px + title_size * 3 + text_size * 2
    image = Image.new("RGB", (size, height), "white")
    draw = ImageDraw.Draw(image)
    for y, row in enumerate(modules):
        for x, dark in enumerate(row):
            if dark:
                x0, y0 = margin + x * scale, margin + y * scale
                draw.rectangle((x0, y0, x0 + scale - 1, y0 + scale - 1), fill="black")
    title_font = ImageFont.load_default(size=title_size)
    text_font = ImageFont.load_default(size=text_size)
    y = margin + code_px + title_size // 2
    note = (
        "No names. Scan with your phone's camera."
        if title == FEEDBACK_TITLE
        else "Scan with your phone's camera."
    )
    for text, font in ((title, title_font), (circle, text_font), (note, text_font)):
        draw.text((size // 2, y), text, fill="black", font=font, anchor="ma")
        y += font.size + font.size // 2
    return image


def save_card(
    path: Path,
    url: str,
    circle: str,
    level: str = "M",
    size: int = DEFAULT_SIZE,
    title: str = FEEDBACK_TITLE,
) -> Path:
    image = render_card(url, circle, level, size, title)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG")
    return path
