"""Agreement sets (DESIGN §7): one Markdown file, `# Title`, then one `## Heading` per card."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MAX_BYTES = 256 * 1024
#: Section headings used for the opening and closing screens rather than as cards.
OPENING_HEADINGS = {"opening words", "palabras de apertura"}
CLOSING_HEADINGS = {"closing words", "palabras de cierre"}
PLACEHOLDER = "[TO FILL IN"

_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")


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
    source: str = ""
    sections: list[Card] = field(default_factory=list)  # every `##` section, in file order

    @property
    def placeholders(self) -> int:
        """How many `[TO FILL IN …]` markers are still in the text."""
        text = self.intro + "".join(s.body for s in self.sections)
        return text.count(PLACEHOLDER)


def parse_bytes(data: bytes, source: str, *, require_cards: bool = True) -> AgreementSet:
    """Parse a file's bytes; size and encoding are checked before anything else."""
    if len(data) > MAX_BYTES:
        raise AgreementError(
            source,
            [
                Problem(
                    1,
                    f"the file is {len(data) // 1024} KiB, over the 256 KiB limit",
                    "split it into smaller sets or trim it",
                )
            ],
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise AgreementError(
            source, [Problem(line, "the file is not UTF-8 text", "save it with UTF-8 encoding")]
        ) from None
    return parse(text, source, require_cards=require_cards)


def parse(text: str, source: str = "<text>", *, require_cards: bool = True) -> AgreementSet:
    """Parse Markdown text into a set, or raise AgreementError listing every problem."""
    problems: list[Problem] = []
    text = text.removeprefix("\ufeff")
    lines = text.splitlines()
    title: str | None = None
    title_line = 0
    intro: list[str] = []
    sections: list[tuple[str, int, list[str]]] = []
    in_fence = False

    for number, raw in enumerate(lines, start=1):
        bad = [c for c in raw if unicodedata.category(c) == "Cc" and c != "\t"]
        if bad:
            problems.append(
                Problem(
                    number,
                    f"a control character (U+{ord(bad[0]):04X})",
                    "delete it; only plain text and Markdown belong in a set",
                )
            )
        if _HTML.search(raw):
            problems.append(
                Problem(number, "HTML is not allowed", "use Markdown instead (*emphasis*, - lists)")
            )
        if raw.lstrip().startswith("```"):
            in_fence = not in_fence
        if not in_fence and raw.startswith("## "):
            sections.append((raw[3:].strip(), number, []))
        elif not in_fence and raw.startswith("# ") and title is None and not sections:
            title, title_line = raw[2:].strip(), number
        elif not in_fence and raw.startswith("# "):
            problems.append(
                Problem(
                    number,
                    "a second `#` title",
                    "a set has one `# Title`; use `## Heading` for each agreement",
                )
            )
        elif sections:
            sections[-1][2].append(raw)
        elif title is not None:
            intro.append(raw)
        elif raw.strip():
            problems.append(
                Problem(
                    number,
                    "text before the `# Title`",
                    "start the file with a line like `# Our agreements`",
                )
            )

    if not title:
        problems.append(
            Problem(
                title_line or 1, "no `#` title", "add a first line like `# Our circle's agreements`"
            )
        )

    cards: list[Card] = []
    all_sections: list[Card] = []
    opening = closing = ""
    seen: dict[str, int] = {}
    for heading, number, body_lines in sections:
        body = "\n".join(body_lines).strip()
        key = heading.casefold()
        if not heading:
            problems.append(
                Problem(number, "a `##` heading with no words", "give the agreement a heading")
            )
            continue
        if key in seen:
            problems.append(
                Problem(
                    number,
                    f"duplicate heading {heading!r} (first on line {seen[key]})",
                    "rename or merge one of them",
                )
            )
        seen.setdefault(key, number)
        if not body:
            problems.append(
                Problem(
                    number,
                    f"the agreement {heading!r} is empty",
                    "write its text under the heading, or delete the heading",
                )
            )
        card = Card(heading, body, number)
        all_sections.append(card)
        if key in OPENING_HEADINGS:
            opening = body
        elif key in CLOSING_HEADINGS:
            closing = body
        else:
            cards.append(card)

    if require_cards and title and not cards:
        problems.append(
            Problem(
                len(lines) or 1,
                "no agreements",
                "add at least one `## Heading` with the agreement's text under it",
            )
        )
    if problems:
        problems.sort(key=lambda p: p.line)
        raise AgreementError(source, problems)
    return AgreementSet(
        title=title or "",
        intro="\n".join(intro).strip(),
        cards=cards,
        opening=opening,
        closing=closing,
        source=source,
        sections=all_sections,
    )
