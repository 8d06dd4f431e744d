"""Text that must be read across a room, drawn with half blocks: a 5×7 pixel font for the
timer and Latin letters, and the bundled font (circle_tui/drawing/font.py) for any other script.

Each pixel is one column by half a row, about square on a terminal; the QR code is drawn the
same way."""

from __future__ import annotations

import unicodedata

from rich.cells import cell_len

_GLYPHS = {
    "0": (".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."),
    "1": ("..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."),
    "2": (".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"),
    "3": ("#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."),
    "4": ("...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."),
    "5": ("#####", "#....", "####.", "....#", "....#", "#...#", ".###."),
    "6": ("..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."),
    "7": ("#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."),
    "8": (".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."),
    "9": (".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."),
    "A": (".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"),
    "B": ("####.", "#...#", "#...#", "####.", "#...#", "#...#", "####."),
    "C": (".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."),
    "D": ("####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####."),
    "E": ("#####", "#....", "#....", "####.", "#....", "#....", "#####"),
    "F": ("#####", "#....", "#....", "####.", "#....", "#....", "#...."),
    "G": (".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####"),
    "H": ("#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"),
    "I": (".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###."),
    "J": ("..###", "...#.", "...#.", "...#.", "...#.", "#..#.", ".##.."),
    "K": ("#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"),
    "L": ("#....", "#....", "#....", "#....", "#....", "#....", "#####"),
    "M": ("#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"),
    "N": ("#...#", "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#"),
    "O": (".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "P": ("####.", "#...#", "#...#", "####.", "#....", "#....", "#...."),
    "Q": (".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#"),
    "R": ("####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"),
    "S": (".####", "#....", "#....", ".###.", "....#", "....#", "####."),
    "T": ("#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."),
    "U": ("#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "V": ("#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#.."),
    "W": ("#...#", "#...#", "#...#", "#.#.#", "#.#.#", "#.#.#", ".#.#."),
    "X": ("#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#"),
    "Y": ("#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#.."),
    "Z": ("#####", "....#", "...#.", "..#..", ".#...", "#....", "#####"),
    " ": ("...", "...", "...", "...", "...", "...", "..."),
    ":": ("..", "..", "##", "..", "##", "..", ".."),
    "+": (".....", "..#..", "..#..", "#####", "..#..", "..#..", "....."),
    "-": (".....", ".....", ".....", "#####", ".....", ".....", "....."),
    ".": ("..", "..", "..", "..", "..", "##", "##"),
    "'": ("##", "##", ".#", "..", "..", "..", ".."),
}
_HALF = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


#: Accents as pixels: two rows above a letter, or one below it (the cedilla, the ogonek).
_ABOVE = {
    "\u0301": ("...#.", "..#.."),  # acute: Á É Í Ó Ú
    "\u0300": (".#...", "..#.."),  # grave: À È
    "\u0302": ("..#..", ".#.#."),  # circumflex: Â Ê Ô
    "\u0303": (".##.#", "#..#."),  # tilde: Ñ Ã Õ
    "\u0308": (".....", ".#.#."),  # diaeresis: Ü Ï Ë Ö
    "\u030a": (".###.", ".#.#."),  # ring: Å
    "\u030c": (".#.#.", "..#.."),  # caron: Č Š Ž
    "\u0304": (".....", ".###."),  # macron: Ā
    "\u0307": (".....", "..#.."),  # dot above: Ż
    "\u030b": ("..#.#", ".#.#."),  # double acute: Ő Ű
    "\u0306": (".#.#.", "..#.."),  # breve: Ă Ğ
}
_BELOW = {"\u0327": "..##.", "\u0328": "...##"}  # cedilla: Ç Ş; ogonek: Ą Ę


def _parts(char: str) -> tuple[str, list[str]]:
    """The letter a glyph exists for (upper case) and the accents drawn with it."""
    decomposed = unicodedata.normalize("NFD", char.upper())
    return decomposed[:1], [c for c in decomposed[1:] if unicodedata.combining(c)]


def _known(char: str) -> bool:
    base, marks = _parts(char)
    rest = unicodedata.normalize("NFD", char.upper())[1 + len(marks) :]
    return base in _GLYPHS and not rest and all(m in _ABOVE or m in _BELOW for m in marks)


def can_draw(value: str) -> bool:
    """Every letter has a glyph (accented Latin letters too); others keep the name as text."""
    return bool(value) and all(map(_known, value))


def width(value: str, scale: int = 1) -> int:
    glyphs = [_GLYPHS[_parts(c)[0]] for c in value]
    return sum(len(g[0]) for g in glyphs) * scale + max(0, len(glyphs) - 1) * scale


def _glyph(char: str, above: int, below: int) -> list[str]:
    """A letter's pixel rows, with `above` rows for accents and `below` for a cedilla."""
    base, marks = _parts(char)
    glyph = _GLYPHS.get(base, _GLYPHS["-"])
    blank = "." * len(glyph[0])
    top = [blank] * above
    bottom = [blank] * below
    for mark in marks:
        if mark in _ABOVE and above:
            top = [_centred(row, len(blank)) for row in _ABOVE[mark]]
        elif mark in _BELOW and below:
            bottom = [_centred(_BELOW[mark], len(blank))]
    return [*top, *glyph, *bottom]


def _centred(row: str, size: int) -> str:
    return row.center(size, ".")[:size]


def big_text(value: str, scale: int = 1) -> str:
    """`value` in the 5×7 font, each pixel `scale` cells wide and `scale` half-rows tall;
    rows above and below are added only when an accent needs them."""
    marks = [m for c in value for m in _parts(c)[1]]
    above = 2 if any(m in _ABOVE for m in marks) else 0
    below = 1 if any(m in _BELOW for m in marks) else 0
    glyphs = [_glyph(c, above, below) for c in value]
    pixels: list[list[bool]] = []
    for row in range(above + 7 + below):
        line: list[bool] = []
        for i, glyph in enumerate(glyphs):
            if i:
                line += [False] * scale  # one blank pixel between characters
            for px in glyph[row]:
                line += [px == "#"] * scale
        pixels += [line] * scale
    return "\n".join(half_blocks(pixels))


def half_blocks(pixels: list[list[bool]]) -> list[str]:
    """Rows of pixels as rows of cells, two pixel rows to a cell: `▀`, `▄`, `█` or blank."""
    if not pixels:
        return []
    if len(pixels) % 2:
        pixels = [*pixels, [False] * len(pixels[0])]
    return [
        "".join(_HALF[pair] for pair in zip(pixels[y], pixels[y + 1], strict=True))
        for y in range(0, len(pixels), 2)
    ]


# -- names in any script --------------------------------------------------------------------
#: The bundled font's size in pixels at scale 1: a Hebrew or Arabic name stays legible at
#: half a row per pixel (the block font's capitals are 7 pixels a scale).
FONT_PIXELS = 14
#: Columns between a large part of a name and an emoji beside it.
GAP = 2
_JOINER = "\u200d"


def clusters(value: str) -> list[str]:
    """`value` in what a reader sees as characters: a letter with its marks, an emoji with
    its skin tone, variation selector or joined parts, a flag's pair of letters."""
    found: list[str] = []
    for char in value:
        category = unicodedata.category(char)
        attached = found and (
            category in ("Mn", "Me", "Cf", "Sk")
            and char != " "
            or found[-1].endswith(_JOINER)
            or 0x1F3FB <= ord(char) <= 0x1F3FF  # a skin tone
            or 0xFE00 <= ord(char) <= 0xFE0F  # a variation selector
            or (
                0x1F1E6 <= ord(char) <= 0x1F1FF
                and len(found[-1]) == 1
                and 0x1F1E6 <= ord(found[-1]) <= 0x1F1FF
            )
        )
        if attached:
            found[-1] += char
        else:
            found.append(char)
    return found


def _large(cluster: str) -> bool:
    """Whether a character can be drawn large: by the block font or the bundled font."""
    from circle_tui.drawing.font import draws

    return not cluster.strip() or _known(cluster) or draws(cluster)


def _runs(value: str) -> list[tuple[bool, str]]:
    """`value` in runs drawn large (True) or at ordinary size beside them (False: emoji, and
    any script no font here draws), spaces at the edge of a run left out."""
    runs: list[tuple[bool, str]] = []
    for cluster in clusters(value):
        large = _large(cluster)
        if runs and runs[-1][0] == large:
            runs[-1] = (large, runs[-1][1] + cluster)
        else:
            runs.append((large, cluster))
    return [(large, text.strip()) for large, text in runs if text.strip()]


def big_name(value: str, scale: int = 1) -> list[str] | None:
    """`value` large, as rows of equal width: in block letters when the block font has every
    letter, else drawn from the bundled font (right to left for Hebrew or Arabic); an emoji
    (or a character no font here draws) stays ordinary-size beside it, on the middle row.
    None when nothing in it can be drawn large."""
    from circle_tui.drawing.font import pixels, right_to_left

    parts = _runs(value)
    if not any(large for large, _ in parts):
        return None
    blocks = all(can_draw(text) for large, text in parts if large)
    drawn: list[list[str]] = []
    for large, text in parts:
        if not large:
            drawn.append([text])
        elif blocks:
            drawn.append(big_text(text, scale).split("\n"))
        else:
            drawn.append(half_blocks(pixels(text, FONT_PIXELS * scale)))
    if right_to_left(value):
        drawn.reverse()  # the parts in the order the name is read: from the right
    height = max(len(rows) for rows in drawn)
    columns: list[list[str]] = []
    for rows in drawn:
        wide = max(cell_len(row) for row in rows)
        top = (height - len(rows)) // 2
        column = [""] * top + rows + [""] * (height - len(rows) - top)
        columns.append([row + " " * (wide - cell_len(row)) for row in column])
    return ["".join(parts_row) for parts_row in zip(*(_spaced(columns)), strict=True)]


def _spaced(columns: list[list[str]]) -> list[list[str]]:
    """The columns with a gap of GAP blank columns between each two."""
    gap = [" " * GAP] * len(columns[0])
    spaced: list[list[str]] = []
    for i, column in enumerate(columns):
        if i:
            spaced.append(gap)
        spaced.append(column)
    return spaced
