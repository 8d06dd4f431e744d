"""Fuzzing the doors hostile input comes through: agreement files, attendance imports (JSON
and CSV) and feedback URL templates. Only the documented errors may come out, and a failed
import leaves the log byte-identical.

At least 500 examples per target (the "fuzz" profile; CIRCLE_TUI_FUZZ_EXAMPLES raises it).
See the counts with `pytest tests/fuzz/test_fuzz.py --hypothesis-show-statistics`."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import uuid
from datetime import date
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from circle_tui.cli import main
from circle_tui.core.agreements import AgreementError, parse_bytes
from circle_tui.core.qr import QRError, feedback_url, matrix
from circle_tui.core.record import FIELDS, STATUSES
from circle_tui.core.text import first_control
from circle_tui.storage.attendance import FILE_NAME, AttendanceLog
from circle_tui.storage.exchange import csv_text
from tests.support.helpers import record

settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("CIRCLE_TUI_FUZZ_EXAMPLES", "500")),
    deadline=None,  # one slow example on a busy machine is not a failure
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ = settings.get_profile("fuzz")

# Characters that have broken parsers, terminals and spreadsheets, mixed into any text.
TRICKY = [
    "\x1b", "\x00", "\x07", "\r", "\n", "\r\n", "\t", "\x0b", "\x85", "\x9b", "\u202e",
    "\u2066", "\u2028", "\ufeff", "\u200f", "'", '"', ",", ";", "=", "+", "-", "@", "{",
    "}", "{{", "[", "]", "<", ">", "</", "#", "`", "```", "\\", "%", "&", "?", "é", "ß",
    "ς", "😀", "\u0301", " ",
]  # fmt: skip
tricky_text = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=6)), max_size=12).map(
    "".join
)


# -- agreement files ----------------------------------------------------------------------------
MARKDOWN_LINES = [
    "# Our agreements", "# Title #", "## Listen", "##\tPass", "## ", "##", "### Sub",
    "Setext", "======", "------", "```", "~~~", "    ## indented", "> ## quoted",
    "- ## listed", "<div>", "</div>", "<b>bold</b>", "<!-- c -->", "<https://x.org>",
    "`<b>`", "[TO FILL IN: x]", "*emphasis* and **strong**", "[link](https://x.org)",
    "1. one", "", "",
]  # fmt: skip
HEADINGS = ["## {}", "##\t{} ##", "{}\n----", "## *{}* `now`", "  ## {}", "## {} #"]
BODIES = [
    "Deeply.", "Any time, no reason needed.", "- one\n- two", "```\n## not a card\n```",
    "    ## indented code", "See <https://example.org/help>.", "Type `<b>` to see.",
    "[TO FILL IN: a number]", "> quoted\n> text",
]  # fmt: skip


@st.composite
def inserted(draw, lines, pieces):
    """`lines` with up to three lines from `pieces` or tricky text put anywhere."""
    lines = list(lines)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, draw(st.one_of(st.sampled_from(pieces), tricky_text)))
    return lines


@st.composite
def markdown_files(draw):
    """A set as a facilitator writes one, then as an editor or an attacker may leave it."""
    lines = [draw(st.sampled_from(["# Our agreements", "# Title #", "Our set\n======="]))]
    lines.append(draw(st.sampled_from(["", "An intro.", "An *intro* <https://x.org>."])))
    for n in range(draw(st.integers(0, 6))):
        heading = draw(st.sampled_from(HEADINGS)).format(f"Agreement {n}")
        body = draw(st.one_of(st.sampled_from(BODIES), st.sampled_from(BODIES), tricky_text))
        lines += [heading, "", body, ""]
    if draw(st.booleans()):  # half as written, half with something odd put in
        lines = draw(inserted(lines, MARKDOWN_LINES))
    return draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)


@FUZZ
@given(
    st.one_of(markdown_files().map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary()),
    st.booleans(),
)
def test_agreement_files_give_a_set_or_an_agreement_error_and_nothing_else(data, resources):
    try:
        parsed = parse_bytes(data, "set.md", require_cards=not resources)
    except AgreementError as err:
        assert err.problems and all(p.line >= 1 for p in err.problems)
        event("refused")
        return
    event("parsed")
    assert parsed.title and first_control(parsed.title) is None
    assert all(card.heading and card.body and card.line >= 1 for card in parsed.cards)


# -- attendance imports ------------------------------------------------------------------------
times = st.builds("{:02d}:{:02d}".format, st.integers(0, 23), st.integers(0, 59))


@st.composite
def good_docs(draw):
    present = draw(st.integers(0, 10_000))
    return {
        "id": str(uuid.UUID(int=draw(st.integers(0, 2**128 - 1)), version=4)),
        "circle": draw(
            st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=80)
            .filter(lambda t: not t.isspace() and first_control(t) is None)
            .map(lambda t: draw(st.sampled_from(["", "=", "+", "-", "@", "'"])) + t)
            .map(lambda t: t[:80])
        ),
        "date": draw(st.dates(date(2000, 1, 1), date(2099, 12, 31))).isoformat(),
        "started": draw(times),
        "ended": draw(st.one_of(st.just(""), times)),
        "present": present,
        "newcomers": draw(st.integers(0, present)),
        "status": draw(st.sampled_from(STATUSES)),
        "schema": 1,
    }


odd_values = st.one_of(
    tricky_text,
    st.integers(-(10**30), 10**30),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@st.composite
def docs(draw):
    doc = draw(good_docs())
    for _ in range(draw(st.integers(0, 2))):  # most stay good; some get one odd value
        key = draw(st.one_of(st.sampled_from(FIELDS), tricky_text))
        doc[key] = draw(odd_values)
    if draw(st.booleans()) and doc:
        doc.pop(draw(st.sampled_from(sorted(doc, key=str))))
    return doc


# Fragments that have made parsers fail: surrogate escapes, huge numbers, deep nesting.
FRAGMENTS = [
    "\\ud800", '"\\udfff"', "9" * 5000, "[" * 3000, "{" * 50, "]", "}", ",", ",]", "NaN",
    "Infinity", "1e999999", "-", '"', "\ufeff", "\x00", "\r", "\n\n\n", ",,,,,,,,\n",
    '"a\nb"', "'=1+1", "\xff",
]  # fmt: skip


@st.composite
def mutated(draw, text):
    """`text` as an editor, a spreadsheet or an attacker might leave it."""
    if draw(st.booleans()):
        text = text.replace("\n", draw(st.sampled_from(["\r\n", "\r", "\n"])))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "cut", "truncate"]))
        if action == "insert":
            text = text[:at] + draw(st.one_of(st.sampled_from(FRAGMENTS), tricky_text)) + text[at:]
        elif action == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        else:
            text = text[:at]
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text.encode("utf-8", "surrogatepass")


json_exports = st.lists(docs(), max_size=6).map(lambda d: json.dumps(d, indent=2)).flatmap(mutated)


def csv_of(rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    writer.writerows([row.get(name, "") for name in FIELDS] for row in rows)
    return out.getvalue()


csv_exports = st.one_of(
    st.lists(docs(), max_size=6).map(csv_of),
    st.lists(good_docs(), max_size=6).map(
        lambda rows: csv_text([record(**{"id": r["id"]}) for r in rows])
    ),
).flatmap(mutated)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    """One log for every example: each import is tried against a log that already holds
    sessions (and all the ones earlier examples imported)."""
    path = tmp_path_factory.mktemp("fuzz-data")
    log, _ = AttendanceLog.open(path)
    log.save(record())
    log.close()
    return path


def import_and_check(data_dir, content: bytes, name: str) -> None:
    export = data_dir.parent / name
    export.write_bytes(content)
    log_file = data_dir / FILE_NAME
    before = log_file.read_bytes()
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--data-dir", str(data_dir), "attendance", "import", str(export)])
    event(f"exit {code}")
    if code == 2:
        assert log_file.read_bytes() == before  # a failed import changes nothing
        assert err.getvalue().startswith(str(export)) and "nothing imported" in err.getvalue()
        assert first_control(err.getvalue(), allowed="\n\t") is None  # escaped for the terminal
    else:
        # Sessions the file gives otherwise, or likely the same as one here, or added beside
        # another of that day, or dated ahead, are named first, each by its line, then the
        # summary.
        *named, summary = out.getvalue().splitlines()
        assert code == 0 and summary.startswith("imported ")
        said = (" differs: ", "not added: likely the same", "added, though", "is dated after today")
        assert all(
            re.match(re.escape(f"{export}:") + "[0-9]+: ", line) and any(w in line for w in said)
            for line in named
        )
        assert first_control(out.getvalue(), allowed="\n\t") is None
    AttendanceLog.read_only(data_dir)  # the log always still loads


@FUZZ
@given(json_exports)
def test_json_imports_give_records_or_line_numbered_problems_and_keep_the_log(data_dir, content):
    import_and_check(data_dir, content, "fuzz.json")


@FUZZ
@given(csv_exports)
def test_csv_imports_give_records_or_line_numbered_problems_and_keep_the_log(data_dir, content):
    import_and_check(data_dir, content, "fuzz.csv")


# -- feedback URL templates --------------------------------------------------------------------
URL_PIECES = [
    "https://", "http://", "ftp://", "https://example.org", "https://bücher.example",
    "https://[::1]", "https://[", "]", ":8080", ":99999", ":", "/", "/path", "?q=", "&", "#",
    "{date}", "{circle}", "{date:>10}", "{circle!r}", "{0}", "{}", "{date.year}",
    "{date[0]}", "{{", "}}", "{", "}", "%", "%zz", "%C3%A9", "@", "user:pw@", " ", "é",
    "\x1b", "\u202e", "xn--", "..",
]  # fmt: skip


@st.composite
def templates(draw):
    """A feedback URL as typed into the settings, with pieces that have broken parsers."""
    parts = [
        draw(st.sampled_from(["https://", "http://", "https://user@"])),
        draw(st.sampled_from(["example.org", "bücher.example", "[::1]", "x.org:8443"])),
    ]
    parts += draw(st.lists(st.sampled_from(URL_PATHS), max_size=5))
    return "".join(draw(inserted(parts, URL_PIECES)))


URL_PATHS = ["/f", "/rückmeldung", "?d={date}", "&c={circle}", "#top", "/{{x}}", "/a b", "/%C3%A9"]


@FUZZ
@given(templates(), tricky_text.map(lambda t: t or "c"), st.sampled_from(["M", "Q", "H"]))
def test_url_templates_give_a_scannable_uri_or_a_qr_error(template, circle, level):
    try:
        got = feedback_url(template, circle=circle, day=date(2026, 11, 27), level=level)
    except QRError as err:
        assert str(err)
        event("refused")
        return
    event("accepted")
    assert got.url.isascii() and first_control(got.url) is None
    assert urlsplit(got.url).scheme in ("http", "https")
    assert matrix(got.url, level)
