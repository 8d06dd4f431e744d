"""What the report draws, as plain shapes in points (1/72 inch): laid out once, then written
as SVG for the HTML report or painted by Pillow for the PNG one. Tests read the shapes.

Pillow also measures the text, so that a label is cut or turned before it would overlap."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image, ImageFont

GREY = "#555555"
RULE = "#dddddd"
INK = "#1d1d1d"
#: Fonts are loaded at this many pixels and measured to scale.
_MEASURE_PX = 100


@dataclass(frozen=True)
class Text:
    """A line of text; `y` is its baseline. Turned (`upright=False`), it reads upwards from
    (x, y), centred on x."""

    x: float
    y: float
    text: str
    size: float
    anchor: str = "start"  # start, middle or end
    bold: bool = False
    colour: str = INK
    upright: bool = True


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    fill: str
    #: What it stands for, for tests and for screen readers (SVG <title>).
    label: str = ""


@dataclass(frozen=True)
class Rule:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str = RULE
    width: float = 0.6


Shape = Text | Box | Rule


@cache
def font(bold: bool = False, px: int = _MEASURE_PX) -> ImageFont.FreeTypeFont:
    """The bundled font (circle_tui/drawing/font.py) at `px` pixels: the report's accents and names
    read the same on every laptop, whatever fonts it has."""
    from circle_tui.drawing import font as bundled

    return bundled.font(px, bold=bold)


def width(text: str, size: float, bold: bool = False) -> float:
    """How wide `text` is at `size` points."""
    return font(bold).getlength(text) * size / _MEASURE_PX


def cut(text: str, room: float, size: float, bold: bool = False) -> str:
    """`text`, or as much of it as fits in `room` points followed by "…"."""
    if width(text, size, bold) <= room:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest start that fits with its ellipsis
        middle = (low + high + 1) // 2
        if width(text[:middle].rstrip() + "…", size, bold) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def wrap(text: str, room: float, size: float) -> list[str]:
    """`text` in lines no wider than `room` points, broken between words."""
    lines: list[str] = []
    for word in text.split():
        if lines and width(f"{lines[-1]} {word}", size) <= room:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


# -- SVG ------------------------------------------------------------------------------------
_ANCHORS = {"start": "start", "middle": "middle", "end": "end"}


def svg(shapes: Sequence[Shape], width_pt: float, height_pt: float, title: str) -> str:
    """The shapes as inline SVG for HTML5 (no namespace URLs: HTML knows SVG without them),
    its text in the page's own font."""
    e = html.escape
    parts = [
        f'<svg viewBox="0 0 {width_pt:.1f} {height_pt:.1f}" role="img" aria-label="{e(title)}">'
    ]
    for shape in shapes:
        if isinstance(shape, Box):
            tip = f"<title>{e(shape.label)}</title>" if shape.label else ""
            parts.append(
                f'<rect x="{shape.x:.2f}" y="{shape.y:.2f}" width="{shape.width:.2f}" '
                f'height="{shape.height:.2f}" fill="{shape.fill}">{tip}</rect>'
            )
        elif isinstance(shape, Rule):
            parts.append(
                f'<line x1="{shape.x1:.2f}" y1="{shape.y1:.2f}" x2="{shape.x2:.2f}" '
                f'y2="{shape.y2:.2f}" stroke="{shape.colour}" stroke-width="{shape.width}"/>'
            )
        else:
            turn = "" if shape.upright else f' transform="rotate(-90 {shape.x:.2f} {shape.y:.2f})"'
            # Turned, the text's start sits on (x, y); centred on x by its half height.
            dy = "" if shape.upright else f' dy="{shape.size * 0.35:.2f}"'
            weight = ' font-weight="bold"' if shape.bold else ""
            parts.append(
                f'<text x="{shape.x:.2f}" y="{shape.y:.2f}"{dy} font-size="{shape.size:.2f}" '
                f'text-anchor="{_ANCHORS[shape.anchor]}" fill="{shape.colour}"{weight}{turn}>'
                f"{e(shape.text)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


# -- pixels ---------------------------------------------------------------------------------
_PILLOW_ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}


def paint(shapes: Sequence[Shape], width_pt: float, height_pt: float, dpi: int) -> Image.Image:
    """The shapes on a white page of `width_pt` × `height_pt` at `dpi`."""
    from PIL import Image, ImageDraw

    scale = dpi / 72
    page = Image.new("RGB", (round(width_pt * scale), round(height_pt * scale)), "white")
    draw = ImageDraw.Draw(page)
    for shape in shapes:
        if isinstance(shape, Box):
            x0, y0 = shape.x * scale, shape.y * scale
            x1, y1 = x0 + shape.width * scale, y0 + shape.height * scale
            draw.rectangle((x0, y0, max(x0, x1 - 1), max(y0, y1 - 1)), fill=shape.fill)
        elif isinstance(shape, Rule):
            draw.line(
                (shape.x1 * scale, shape.y1 * scale, shape.x2 * scale, shape.y2 * scale),
                fill=shape.colour,
                width=max(1, round(shape.width * scale)),
            )
        else:
            face = font(shape.bold, max(1, round(shape.size * scale)))
            if shape.upright:
                draw.text(
                    (shape.x * scale, shape.y * scale),
                    shape.text,
                    fill=shape.colour,
                    font=face,
                    anchor=_PILLOW_ANCHORS[shape.anchor],
                )
            else:
                _paint_upwards(page, shape, face, scale)
    return page


def _paint_upwards(page: Image.Image, shape: Text, face, scale: float) -> None:
    """Text reading upwards from (x, y), centred on x: drawn flat, turned, pasted."""
    from PIL import Image, ImageDraw

    left, top, right, bottom = face.getbbox(shape.text, anchor="ls")
    flat = Image.new("L", (max(1, right - left), max(1, bottom - top)), 0)
    ImageDraw.Draw(flat).text((-left, -top), shape.text, fill=255, font=face, anchor="ls")
    turned = flat.rotate(90, expand=True)
    ink = Image.new("RGB", turned.size, shape.colour)
    x = round(shape.x * scale - turned.width / 2)
    y = round(shape.y * scale - turned.height)
    page.paste(ink, (x, y), turned)
