"""Agreement sets: the parser's problems with their lines, bundled sets, the CLI."""

import contextlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from circle_tui.cli import main
from circle_tui.core.agreements import MAX_BYTES, AgreementError, parse, parse_bytes
from circle_tui.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
GOOD = "# Our agreements\n\nIntro.\n\n## Listen\n\nDeeply.\n\n## Pass\n\nAny time.\n"


def problems(text, **kw):
    with pytest.raises(AgreementError) as caught:
        parse_bytes(text if isinstance(text, bytes) else text.encode(), "set.md", **kw)
    return [(p.line, p.problem) for p in caught.value.problems], str(caught.value)


def test_a_good_set_has_title_intro_cards_and_opening_and_closing_words():
    parsed = parse(GOOD + "## Opening words\n\nWelcome.\n\n## Closing words\n\nThank you.\n")
    assert parsed.title == "Our agreements" and parsed.intro == "Intro."
    assert [c.heading for c in parsed.cards] == ["Listen", "Pass"]
    assert parsed.opening == "Welcome." and parsed.closing == "Thank you."
    assert parsed.cards[1].line == 9


def test_no_title():
    found, message = problems("## Listen\n\nDeeply.\n")
    assert found == [(1, "no `#` title")]
    assert message == "set.md:1: no `#` title — add a first line like `# Our circle's agreements`"


def test_no_agreements():
    found, _ = problems("# Title\n\nJust an intro.\n")
    assert found == [(3, "no agreements")]


def test_an_empty_agreement():
    found, message = problems("# Title\n\n## Listen\n\n## Pass\n\nAny time.\n")
    assert found == [(3, "the agreement 'Listen' is empty")]
    assert "write its text under the heading" in message


def test_duplicate_headings():
    found, _ = problems("# T\n## Pass\nA.\n## pass\nB.\n")
    assert found == [(4, "duplicate heading 'pass' (first on line 2)")]


def test_not_utf8():
    found, message = problems(b"# T\n## Caf\xe9\nText.\n")
    assert found == [(2, "the file is not UTF-8 text")]
    assert "save it with UTF-8 encoding" in message


def test_too_large():
    found, _ = problems(("# T\n## A\n" + "x" * MAX_BYTES).encode())
    assert found[0][0] == 1 and "over the 256 KiB limit" in found[0][1]


def test_html_and_control_characters():
    found, _ = problems("# T\n## A\nUse <b>bold</b>.\n## B\nBell\x07 here.\n")
    assert found == [(3, "HTML is not allowed"), (5, "a control character (U+0007, bell)")]


def test_several_problems_are_all_reported_in_line_order():
    found, _ = problems("text first\n# T\n## A\n## A\nx\n")
    assert [line for line, _ in found] == [1, 3, 4]


@given(st.text(max_size=2000))
def test_the_parser_raises_nothing_but_its_own_error(text):
    try:
        parse(text)
    except AgreementError as err:
        assert err.problems


@given(st.binary(max_size=2000))
def test_the_byte_parser_raises_nothing_but_its_own_error(data):
    with contextlib.suppress(AgreementError):
        parse_bytes(data, "x.md")


@pytest.mark.parametrize(
    "path", sorted((ROOT / "circle_tui" / "agreements").glob("*.md")), ids=lambda p: p.name
)
def test_every_bundled_file_is_valid(path):
    parsed = parse_bytes(
        path.read_bytes(), str(path), require_cards=not path.stem.startswith("resources")
    )
    if not path.stem.startswith("resources"):
        assert parsed.opening and parsed.closing and len(parsed.cards) >= 4


#: The bundled resources card in every language: `resources.md`, `resources.es.md`, …
RESOURCES = ["resources", *(f"resources.{code}" for code in LANGUAGES[1:])]


@pytest.mark.parametrize("name", RESOURCES)
def test_the_resources_template_shows_its_placeholders_and_invents_no_numbers(name):
    parsed = parse(
        (ROOT / "circle_tui" / "agreements" / f"{name}.md").read_text(encoding="utf-8"),
        f"/bundled/{name}.md",  # its name says the language its placeholders are written in
        require_cards=False,
    )
    assert parsed.placeholders == 4
    body = "".join(s.body for s in parsed.sections)
    assert not any(ch.isdigit() for ch in body)  # no phone number presented as real


def test_cli_list_shows_bundled_sets_and_the_facilitators_own(isolated_dirs, capsys):
    own = isolated_dirs["config"].parent / "agreements"
    own.mkdir(parents=True)
    (own / "our-circle.md").write_text(GOOD, encoding="utf-8")
    assert main(["agreements", "list"]) == 0
    out = capsys.readouterr().out
    assert re.search(
        r"^peer-integration +10  bundled   Peer integration circle agreements$", out, re.M
    )
    assert re.search(r"^our-circle +2  yours     Our agreements$", out, re.M)


def test_cli_check_exits_0_for_a_valid_set_and_2_listing_problems(tmp_path, capsys):
    good, bad = tmp_path / "good.md", tmp_path / "bad.md"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text("# T\n## A\n\n## A\nx\n", encoding="utf-8")
    assert main(["agreements", "check", str(good)]) == 0
    assert "OK — 'Our agreements', 2 cards" in capsys.readouterr().out
    assert main(["agreements", "check", str(bad)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{bad}:2: the agreement 'A' is empty — write its text under the heading, or delete the heading",
        f"{bad}:4: duplicate heading 'A' (first on line 2) — rename or merge one of them",
    ]


def test_cli_show_prints_a_set_and_names_what_exists_when_unknown(capsys):
    assert main(["agreements", "show", "drop-in"]) == 0
    assert "## You may always pass" in capsys.readouterr().out
    assert main(["agreements", "show", "nope"]) == 2
    err = capsys.readouterr().err
    twins = [f"peer-integration.{code}" for code in LANGUAGES[1:]]  # one per language
    assert f"available: {', '.join(['drop-in', 'peer-integration', *twins])} (" in err
    assert "resources" not in err.split("(put")[0]  # a resources card is no agreement set


def test_a_missing_resources_card_names_only_resources_cards(isolated_dirs):
    from circle_tui.settings import resolve_paths
    from circle_tui.storage import library

    with pytest.raises(LookupError) as raised:
        library.load("nope", resolve_paths(), resources=True)
    assert f"no resources card named 'nope'; available: {', '.join(RESOURCES)} (" in str(
        raised.value
    )


# -- CommonMark: what every Markdown viewer shows as a heading is one ---------------------------
def test_closing_hashes_tabs_and_setext_underlines_make_headings():
    parsed = parse(
        "Our agreements\n==============\n\nIntro.\n\n"
        "## Listen ##\n\nDeeply.\n\n##\tPass\n\nAny time.\n\nCare\n----\n\nFor yourself.\n"
    )
    assert parsed.title == "Our agreements" and parsed.intro == "Intro."
    assert [(c.heading, c.body, c.line) for c in parsed.cards] == [
        ("Listen", "Deeply.", 6),
        ("Pass", "Any time.", 10),
        ("Care", "For yourself.", 14),
    ]


def test_headings_in_fenced_code_are_text_and_indented_code_is_kept():
    parsed = parse(
        "# T\n\n## Listen\n\n```\n## not a card\n# nor a title\n```\n\n    ## indented code\n"
    )
    assert [c.heading for c in parsed.cards] == ["Listen"]
    assert "## not a card" in parsed.cards[0].body
    assert "    ## indented code" in parsed.cards[0].body


def test_a_heading_with_inline_markup_reads_as_plain_words():
    parsed = parse(
        "# Our *own* agreements\n\n## **Listen** `deeply` [here](https://x.org) &amp; \\*\n\nText.\n"
    )
    assert parsed.title == "Our own agreements"
    assert parsed.cards[0].heading == "Listen deeply here & *"


def test_autolinks_and_angle_brackets_in_code_or_prose_are_not_html():
    parsed = parse(
        "# T\n\n## Links\n\nSee <https://example.org/support> or <help@example.org>.\n"
        "Type `<b>` to see, and remember 2 < 3 > 1.\n"
    )
    assert "<https://example.org/support>" in parsed.cards[0].body


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("# T\n\n## A\n\nfirst line\nsecond <b>bold</b> line\n", 6),  # inline, second line of it
        ("# T\n\n## A\n\n<div>\nblock\n</div>\n", 5),
        ("# T\n\n## A <i>x</i>\n\nText.\n", 3),
        ("# T\n\n## A\n\n<!-- a comment -->\n", 5),
    ],
    ids=["inline", "block", "heading", "comment"],
)
def test_raw_html_is_refused_on_its_own_line(text, line):
    found, message = problems(text)
    assert (line, "HTML is not allowed") in found
    assert f"set.md:{line}: HTML is not allowed — use Markdown instead" in message


def test_a_text_direction_override_is_refused_with_its_line():
    found, _ = problems("# T\n\n## A\n\nRead \u202eesrever ni\n")
    assert found == [(5, "a text-direction control (U+202E, right-to-left override)")]


def test_cr_only_and_crlf_files_count_lines_like_an_editor():
    for newline in ("\r", "\r\n"):
        found, _ = problems(f"# T{newline}{newline}## A{newline}{newline}## A{newline}x{newline}")
        assert found == [
            (3, "the agreement 'A' is empty"),
            (5, "duplicate heading 'A' (first on line 3)"),
        ]


@pytest.mark.parametrize("kind", ["fifo", "directory", "oversized"])
def test_an_agreement_path_that_is_no_usable_file_is_refused_without_hanging(tmp_path, kind):
    path = tmp_path / "set.md"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    else:
        path.write_bytes(b"# T\n" + b"x" * MAX_BYTES)
    done = subprocess.run(
        [sys.executable, "-m", "circle_tui", "agreements", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    expected = {
        "fifo": "set.md:1: a named pipe (FIFO), not a regular file — give the path of a Markdown file",
        "directory": "set.md:1: a directory, not a regular file",
        "oversized": "set.md:1: the file is over the 256 KiB limit (262,148 bytes) — split it",
    }[kind]
    assert expected in done.stderr


def test_the_commonmark_parser_is_built_without_linkify_and_leaves_markdown_it_as_it_was():
    from markdown_it import MarkdownIt, main

    from circle_tui.core.agreements import _markdown

    parser = _markdown()
    assert parser.linkify is None  # its regexes are never built
    tokens = parser.parse("See https://example.org today.")
    assert [t.type for t in tokens[1].children] == ["text"]  # CommonMark: not a link
    assert main.linkify_it is not None  # anyone else's MarkdownIt still gets its LinkifyIt
    assert MarkdownIt("commonmark").linkify is not None


@pytest.mark.parametrize(
    ("language", "agreements", "title"),
    [
        ("es", "peer-integration", "Acuerdos del círculo de integración entre pares"),
        ("en", "peer-integration", "Peer integration circle agreements"),
        ("es", "peer-integration.en", "Peer integration circle agreements"),  # named outright
        ("en", "peer-integration.es", "Acuerdos del círculo de integración entre pares"),
        ("es", "drop-in", None),  # no Spanish twin: the set named
        ("pt_BR", "peer-integration", "Acordos do círculo de integração entre pares"),
        ("pt_BR", "peer-integration.es", "Acuerdos del círculo de integración entre pares"),
    ],
)
def test_the_language_setting_reads_a_set_s_twin_in_that_language(
    isolated_dirs, language, agreements, title
):
    from circle_tui.session import Texts
    from circle_tui.settings import Settings, resolve_paths

    paths = resolve_paths()
    settings = Settings(language=language, agreements=agreements)
    from circle_tui import i18n

    i18n.LANGUAGE.follow_settings(settings.language, settings.agreements)
    texts = Texts.load(settings, paths)
    assert texts.agreements_error is None
    assert texts.agreements.title == (title or "Drop-in circle agreements (short)")
    resources = {"en": "Support", "es": "Apoyo", "pt_BR": "Apoio"}  # each language's own card
    assert texts.resources.title.startswith(resources[i18n.current()])


def test_a_facilitator_s_own_set_has_its_twin_too(isolated_dirs):
    from circle_tui import i18n
    from circle_tui.settings import resolve_paths
    from circle_tui.storage import library

    own = isolated_dirs["config"].parent / "agreements"
    own.mkdir(parents=True)
    (own / "ours.md").write_text(GOOD, encoding="utf-8")
    (own / "ours.es.md").write_text(GOOD.replace("Our agreements", "Nuestros"), encoding="utf-8")
    i18n.use("es")
    assert library.in_language("ours", resolve_paths()) == "ours.es"
    i18n.use("en")
    assert library.in_language("ours", resolve_paths()) == "ours"
