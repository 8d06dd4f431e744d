"""The catalogue: every message translated, up to date with the source, compiled as committed;
the language chosen as the setting says; dates and numbers as each language writes them."""

from __future__ import annotations

import gettext
import io
from datetime import date
from pathlib import Path

import pytest

from circle_tui import i18n

LOCALE = Path(i18n.__file__).resolve().parent / "locale"
PO = LOCALE / "es" / "LC_MESSAGES" / "circle_tui.po"
MO = PO.with_suffix(".mo")
PACKAGE = LOCALE.parent


def read_po():
    from babel.messages.pofile import read_po

    with PO.open("rb") as f:
        return read_po(f, locale="es")


def extracted_ids() -> set[str]:
    """What `pybabel extract -F circle_tui/locale/babel.cfg -k N_` finds in the source now."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    found = set()
    for _filename, _line, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=keywords
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_message_has_a_spanish_translation_that_is_not_fuzzy():
    catalogue = read_po()
    missing = [
        m.id
        for m in catalogue
        if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else (m.string,)))
    ]
    assert missing == []
    assert len(catalogue) > 300


def test_the_catalogue_holds_exactly_the_messages_in_the_source():
    catalogue = read_po()
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.id}
    source = extracted_ids()
    assert sorted(source - ids) == [], "run pybabel extract and update (README, Adding a language)"
    assert sorted(ids - source) == [], "messages no longer in the source: run pybabel update"


def test_the_committed_mo_is_the_po_compiled():
    from babel.messages.mofile import write_mo

    compiled = io.BytesIO()
    write_mo(compiled, read_po())
    compiled.seek(0)
    fresh = gettext.GNUTranslations(compiled)
    with MO.open("rb") as f:
        committed = gettext.GNUTranslations(f)
    # The metadata entry names the Babel that compiled it; every message must be the same.
    committed._catalog.pop("", None)  # type: ignore[attr-defined]
    fresh._catalog.pop("", None)  # type: ignore[attr-defined]
    assert committed._catalog == fresh._catalog  # type: ignore[attr-defined]


def test_translations_keep_every_placeholder_and_add_none():
    """A `{name}` lost or misspelt would drop a value from the message or crash `format`."""
    import re

    field = re.compile(r"\{\w*\}|%\(\w+\)[sdr]|%[sdr]")
    wrong = []
    for m in read_po():
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = set().union(*(field.findall(i) for i in ids))
        for s in strings:
            found = set(field.findall(s))
            # a plural's singular may say "one" in words instead of its count
            if (
                found - wanted or wanted - found - {"{n}", "%s"}
                if len(ids) > 1
                else found != wanted
            ):
                wrong.append((m.id, s))
    assert wrong == []


@pytest.mark.parametrize(
    ("setting", "set_name", "environ", "chosen"),
    [
        ("es", "peer-integration", {"LANG": "en_GB.UTF-8"}, "es"),
        ("en", "peer-integration.es", {"LANG": "es_ES.UTF-8"}, "en"),
        ("auto", "peer-integration.es", {"LANG": "en_GB.UTF-8"}, "es"),
        ("auto", "peer-integration", {"LANG": "es_MX.UTF-8"}, "es"),
        ("auto", "peer-integration", {"LANGUAGE": "es:en", "LANG": "C"}, "es"),
        ("auto", "peer-integration", {"LANG": "de_DE.UTF-8"}, "en"),
        ("auto", "peer-integration", {}, "en"),
    ],
)
def test_auto_follows_the_set_then_the_system_then_english(setting, set_name, environ, chosen):
    assert i18n.choose(setting, set_name, environ) == chosen


def test_spanish_dates_and_numbers_are_written_as_spanish_writes_them():
    day = date(2026, 11, 28)
    assert (i18n.long_date(day), i18n.month_year(day), i18n.number(10000)) == (
        "Saturday 28 November 2026",
        "November 2026",
        "10,000",
    )
    i18n.use("es")
    assert (i18n.long_date(day), i18n.month_year(day), i18n.number(10000)) == (
        "sábado, 28 de noviembre de 2026",
        "noviembre de 2026",
        "10.000",
    )


def test_english_loads_neither_babel_nor_gettext():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from circle_tui import i18n\n"
        "from datetime import date\n"
        "i18n.use('en'); i18n.long_date(date.today()); i18n.number(12345)\n"
        "print('babel' in sys.modules or 'gettext' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
