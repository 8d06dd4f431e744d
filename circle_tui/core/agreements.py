"""Agreement sets: one Markdown file, `# Title`, then one `## Heading` per card."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING

from circle_tui import i18n
from circle_tui.core.text import first_control
from circle_tui.i18n import N_, _

if TYPE_CHECKING:
    from markdown_it.token import Token

MAX_BYTES = 256 * 1024
#: Sections for the opening, closing and care-pause screens rather than cards, by their
#: heading in English; a set in another language heads them as that language's catalogue
#: says ("## Palabras de apertura"), so a new language needs no code here.
SECTIONS = {
    "opening": N_("Opening words"),
    "closing": N_("Closing words"),
    "pause": N_("Pause words"),
}
#: The start of a line still to be written for an area, in the bundled cards: "[TO FILL IN
#: …]" in English, as each language's catalogue says it in its own cards.
PLACEHOLDER = N_("[TO FILL IN")


def _languages(*more: str | None) -> set[str]:
    """English, the language spoken now, and those given (a set's own, from its name)."""
    return {"en", i18n.current(), *(language for language in more if language)}


def placeholder_markers(*languages: str | None) -> set[str]:
    """The placeholder's start in English, the language spoken now and those given."""
    return {i18n.in_language(language, PLACEHOLDER) for language in _languages(*languages)}


def section_headings(*languages: str | None) -> dict[str, str]:
    """Each special section's heading, lower case, in those languages → its section."""
    return {
        i18n.in_language(language, heading).casefold(): section
        for section, heading in SECTIONS.items()
        for language in _languages(*languages)
    }


@dataclass(frozen=True)
class Problem:
    line: int
    problem: str
    fix: str

    def format(self, source: str) -> str:
        return f"{source}:{self.line}: {self.problem} — {self.fix}"


class AgreementError(ValueError):
    """A set that cannot be used; carries every problem found, each with its line."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        super().__init__("\n".join(p.format(source) for p in problems))


@dataclass(frozen=True)
class Card:
    heading: str
    body: str
    line: int


@dataclass(frozen=True)
class AgreementSet:
    title: str
    intro: str
    cards: list[Card]
    opening: str = ""
    closing: str = ""
    pause: str = ""  # shown when the whole circle pauses together
    source: str = ""
    sections: list[Card] = field(default_factory=list)  # every `##` section, in file order

    @property
    def placeholders(self) -> int:
        """How many `[TO FILL IN …]` markers are still in the text."""
        text = self.intro + "".join(s.body for s in self.sections)
        markers = placeholder_markers(i18n.set_language(PurePath(self.source).stem))
        return sum(text.count(marker) for marker in markers)


def without_placeholders(text: str) -> str:
    """`text` without the lines still marked `[TO FILL IN …]`: what the room may read of a
    card that is not finished (the facilitator's checklist says what is missing)."""
    markers = placeholder_markers()
    return "\n".join(line for line in text.splitlines() if not any(m in line for m in markers))


def parse_bytes(data: bytes, source: str, *, require_cards: bool = True) -> AgreementSet:
    """Parse a file's bytes; size and encoding are checked before anything else."""
    if len(data) > MAX_BYTES:
        raise AgreementError(
            source,
            [
                Problem(
                    1,
                    _("the file is {size} KiB, over the 256 KiB limit").format(
                        size=len(data) // 1024
                    ),
                    _("split it into smaller sets or trim it"),
                )
            ],
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise AgreementError(
            source,
            [Problem(line, _("the file is not UTF-8 text"), _("save it with UTF-8 encoding"))],
        ) from None
    return parse(text, source, require_cards=require_cards)


def _markdown():
    from markdown_it import MarkdownIt, main  # a CommonMark parser; not Textual, though it uses it

    # markdown-it builds a LinkifyIt (its URL regexes: 0.2 MiB) whenever linkify-it-py is
    # installed, as Textual's dependencies install it, though CommonMark never linkifies.
    linkify, main.linkify_it = main.linkify_it, None
    try:
        return MarkdownIt("commonmark")
    finally:
        main.linkify_it = linkify


#: The one CommonMark parser, shared by the agreement parser and the screens that draw Markdown.
commonmark = functools.cache(_markdown)


def _plain(inline: Token) -> str:
    """A heading's words without their markup: `*Listen* deeply` is `Listen deeply`."""
    words = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            words.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            words.append(" ")
        elif child.type == "image":
            words.append(_plain(child))
    return "".join(words).strip()


def _html_lines(tokens: list[Token]) -> set[int]:
    """The 1-based lines holding raw HTML, in blocks or inline (autolinks and code are not)."""
    lines = set()
    for token in tokens:
        if token.type == "html_block" and token.map:
            lines.add(token.map[0] + 1)
        elif token.type == "inline" and token.map:
            line = token.map[0] + 1
            for child in token.children or ():
                if child.type in ("softbreak", "hardbreak"):
                    line += 1
                elif child.type == "html_inline":
                    lines.add(line)
    return lines


def _line_problems(lines: list[str], tokens: list[Token]) -> list[Problem]:
    problems = []
    for number, line in enumerate(lines, start=1):
        found = first_control(line, allowed="\t")
        if found:
            problems.append(
                Problem(
                    number,
                    str(found),
                    _("delete it; only plain text and Markdown belong in a set"),
                )
            )
    problems += [
        Problem(number, _("HTML is not allowed"), _("use Markdown instead (*emphasis*, - lists)"))
        for number in sorted(_html_lines(tokens))
    ]
    return problems


def parse(text: str, source: str = "<text>", *, require_cards: bool = True) -> AgreementSet:
    """Parse Markdown text into a set, or raise AgreementError listing every problem.

    The structure comes from a CommonMark parser, so what counts as a heading is what every
    Markdown viewer shows as one: closing `#`s, tabs and setext underlines are headings;
    `#` lines in fenced or indented code are not."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    tokens = commonmark().parse(text)
    problems = _line_problems(lines, tokens)
    title: str | None = None
    title_line = 0
    intro_start = 0
    # Each `##` section: heading, line, and the span of lines its body takes.
    sections: list[tuple[str, int, int]] = []
    starts: list[int] = []  # where each top-level `#` or `##` heading begins: a body ends there

    for index, token in enumerate(tokens):
        if token.level != 0 or not token.map or token.nesting != 1:
            continue
        number = token.map[0] + 1
        if token.type == "heading_open" and token.tag in ("h1", "h2"):
            starts.append(token.map[0])
            words = _plain(tokens[index + 1])
            if token.tag == "h2":
                sections.append((words, number, token.map[1]))
            elif title is None and not sections:
                title, title_line = words, number
                intro_start = token.map[1]
            else:
                problems.append(
                    Problem(
                        number,
                        _("a second `#` title"),
                        _("a set has one `# Title`; use `## Heading` for each agreement"),
                    )
                )
        elif title is None and not sections:
            problems.append(
                Problem(
                    number,
                    _("text before the `# Title`"),
                    _("start the file with a line like `# Our agreements`"),
                )
            )
    if not title:
        problems.append(
            Problem(
                title_line or 1,
                _("no `#` title"),
                _("add a first line like `# Our circle's agreements`"),
            )
        )

    def text_from(begin: int) -> str:
        """The source lines from `begin` to the next top-level `#` or `##` heading."""
        end = min((s for s in starts if s >= begin), default=len(lines))
        return "\n".join(lines[begin:end]).strip()

    cards: list[Card] = []
    all_sections: list[Card] = []
    opening = closing = pause = ""
    special = section_headings(i18n.set_language(PurePath(source).stem))
    seen: dict[str, int] = {}
    for heading, number, begin in sections:
        body = text_from(begin)
        key = heading.casefold()
        if not heading:
            problems.append(
                Problem(
                    number, _("a `##` heading with no words"), _("give the agreement a heading")
                )
            )
            continue
        if key in seen:
            problems.append(
                Problem(
                    number,
                    _("duplicate heading {heading} (first on line {line})").format(
                        heading=repr(heading), line=seen[key]
                    ),
                    _("rename or merge one of them"),
                )
            )
        seen.setdefault(key, number)
        if not body:
            problems.append(
                Problem(
                    number,
                    _("the agreement {heading} is empty").format(heading=repr(heading)),
                    _("write its text under the heading, or delete the heading"),
                )
            )
        card = Card(heading, body, number)
        all_sections.append(card)
        section = special.get(key)
        if section == "opening":
            opening = body
        elif section == "closing":
            closing = body
        elif section == "pause":
            pause = body
        else:
            cards.append(card)

    if require_cards and title and not cards:
        problems.append(
            Problem(
                len(lines) or 1,
                _("no agreements"),
                _("add at least one `## Heading` with the agreement's text under it"),
            )
        )
    if problems:
        problems.sort(key=lambda p: p.line)
        raise AgreementError(source, problems)
    return AgreementSet(
        title=title or "",
        intro=text_from(intro_start) if title else "",
        cards=cards,
        opening=opening,
        closing=closing,
        pause=pause,
        source=source,
        sections=all_sections,
    )
