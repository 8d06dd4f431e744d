"""A 5×7 pixel font drawn with half blocks, for text that must be read across a room."""

from __future__ import annotations

import unicodedata

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
    if len(pixels) % 2:
        pixels.append([False] * len(pixels[0]))
    return "\n".join(
        "".join(_HALF[pair] for pair in zip(pixels[y], pixels[y + 1], strict=True))
        for y in range(0, len(pixels), 2)
    )
