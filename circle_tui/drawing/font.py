"""The one font for everything drawn as pixels: the printable card, and names on the room
view that the block font has no letters for.

DejaVu Sans (its licence in fonts/LICENSE) ships inside the package: Latin with its accents,
Greek, Cyrillic, Hebrew and Arabic in one font of under a megabyte a weight, so a name or a
caption reads the same on every laptop, whatever fonts it has. Right-to-left text is laid out
by Pillow's layout engine (raqm: the bidirectional order and Arabic's joined letters) where
Pillow has it; where it has not, `visual_order` reverses right-to-left runs so a name still
reads right to left, in unjoined letters."""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

FONT_DIR = Path(__file__).resolve().parents[1] / "fonts"
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
#: A private-use character: no font draws it, so its mask is the font's "missing" box.
_NO_GLYPH = "\ue000"
_RIGHT_TO_LEFT = {"R", "AL"}


@cache
def shaping() -> bool:
    """Whether Pillow lays text out with raqm (bidirectional order, Arabic joining)."""
    from PIL import features

    return bool(features.check("raqm"))


@cache
def font(size: int, *, bold: bool = False) -> FreeTypeFont:
    """The bundled font at `size` pixels, laid out by raqm when Pillow has it."""
    from PIL import ImageFont

    engine = ImageFont.Layout.RAQM if shaping() else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(BOLD if bold else REGULAR), size, layout_engine=engine)


@cache
def _missing_mask() -> bytes:
    return bytes(font(14, bold=True).getmask(_NO_GLYPH, mode="1"))


@cache
def draws(char: str) -> bool:
    """Whether the font has a glyph for `char` (a letter with its marks): an emoji, or a
    script it does not cover, would come out as the same empty box."""
    if not char.strip():
        return True
    return all(
        unicodedata.combining(c)
        or unicodedata.category(c) == "Cf"
        or bytes(font(14, bold=True).getmask(c, mode="1")) != _missing_mask()
        for c in char
    )


def right_to_left(text: str) -> bool:
    """Whether the text's first letter with a direction is right-to-left (Hebrew, Arabic)."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in _RIGHT_TO_LEFT:
            return True
        if direction == "L":
            return False
    return False


def visual_order(text: str) -> str:
    """`text` in the order it is drawn left to right, for a layout engine that only draws
    left to right: each right-to-left run reversed, and the runs themselves reversed when the
    text reads right to left. Enough for a name; not the whole Unicode bidi algorithm."""
    if not any(unicodedata.bidirectional(c) in _RIGHT_TO_LEFT for c in text):
        return text
    runs: list[tuple[bool, str]] = []
    for char in text:
        direction = unicodedata.bidirectional(char)
        rtl = direction in _RIGHT_TO_LEFT or (
            direction not in ("L", "EN", "AN") and bool(runs) and runs[-1][0]
        )
        if runs and runs[-1][0] == rtl:
            runs[-1] = (rtl, runs[-1][1] + char)
        else:
            runs.append((rtl, char))
    drawn = [run[::-1] if rtl else run for rtl, run in runs]
    return "".join(reversed(drawn) if right_to_left(text) else drawn)


def laid_out(text: str) -> str:
    """What to hand to Pillow: the text itself for raqm, else its visual order."""
    return text if shaping() else visual_order(text)


def pixels(text: str, size: int, *, bold: bool = True) -> list[list[bool]]:
    """`text` drawn at `size` pixels, one bool per pixel (True: ink), trimmed to its ink;
    drawn without anti-aliasing, so each pixel is wholly ink or paper."""
    from PIL import Image, ImageDraw

    face = font(size, bold=bold)
    shown = laid_out(text)
    left, top, right, bottom = map(int, face.getbbox(shown))  # whole pixels (typed float)
    image = Image.new("1", (max(1, right - min(0, left) + 2), max(1, bottom + 2)), 0)
    draw = ImageDraw.Draw(image)
    draw.fontmode = "1"
    draw.text((-min(0, left), 0), shown, font=face, fill=1)
    box = image.getbbox()
    if box is None:
        return []
    image = image.crop(box)
    width, height = image.size
    data = image.tobytes("raw", "1")
    stride = (width + 7) // 8
    return [
        [bool(data[y * stride + x // 8] & (0x80 >> (x % 8))) for x in range(width)]
        for y in range(height)
    ]
