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
PACKAGE = LOCALE.parent
#: Every language but English has a catalogue; each is checked alike.
CATALOGUES = i18n.LANGUAGES[1:]


def po_path(language: str = "es") -> Path:
    return LOCALE / language / "LC_MESSAGES" / "circle_tui.po"


def read_po(language: str = "es"):
    from babel.messages.pofile import read_po

    with po_path(language).open("rb") as f:
        return read_po(f, locale=language)


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


@pytest.mark.parametrize("language", CATALOGUES)
def test_every_message_has_a_translation_that_is_not_fuzzy(language):
    catalogue = read_po(language)
    missing = [
        m.id
        for m in catalogue
        if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else (m.string,)))
    ]
    assert missing == []
    assert len(catalogue) > 300


@pytest.mark.parametrize("language", CATALOGUES)
def test_the_catalogue_holds_exactly_the_messages_in_the_source(language):
    catalogue = read_po(language)
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.id}
    source = extracted_ids()
    assert sorted(source - ids) == [], "run pybabel extract and update (README, Adding a language)"
    assert sorted(ids - source) == [], "messages no longer in the source: run pybabel update"


@pytest.mark.parametrize("language", CATALOGUES)
def test_the_committed_mo_is_the_po_compiled(language):
    from babel.messages.mofile import write_mo

    compiled = io.BytesIO()
    write_mo(compiled, read_po(language))
    compiled.seek(0)
    fresh = gettext.GNUTranslations(compiled)
    with po_path(language).with_suffix(".mo").open("rb") as f:
        committed = gettext.GNUTranslations(f)
    # The metadata entry names the Babel that compiled it; every message must be the same.
    committed._catalog.pop("", None)  # type: ignore[attr-defined]
    fresh._catalog.pop("", None)  # type: ignore[attr-defined]
    assert committed._catalog == fresh._catalog  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", CATALOGUES)
def test_translations_keep_every_placeholder_and_add_none(language):
    """A `{name}` lost or misspelt would drop a value from the message or crash `format`."""
    import re

    field = re.compile(r"\{\w*\}|%\(\w+\)[sdr]|%[sdr]")
    wrong = []
    for m in read_po(language):
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


@pytest.mark.parametrize("language", CATALOGUES)
def test_every_language_ships_its_twin_of_the_bundled_set_and_resources_card(language):
    """README's "Adding a language": the set and the card in the language, read with its
    catalogue's headings and placeholder marker, card for card as the English ones."""
    from circle_tui.core.agreements import parse

    def read(name: str, **options):
        path = PACKAGE / "agreements" / f"{name}.md"
        return parse(path.read_text(encoding="utf-8"), str(path), **options)

    english, twin = read("peer-integration"), read(f"peer-integration.{language}")
    assert len(twin.cards) == len(english.cards)
    assert twin.opening and twin.closing and twin.pause  # its own words, not English defaults
    assert twin.title != english.title
    card, own = (
        read("resources", require_cards=False),
        read(f"resources.{language}", require_cards=False),
    )
    assert own.placeholders == card.placeholders > 0  # every unfinished line still marked
    assert [s.heading for s in own.sections] != [s.heading for s in card.sections]


@pytest.mark.parametrize(
    ("setting", "set_name", "environ", "chosen"),
    [
        ("es", "peer-integration", {"LANG": "en_GB.UTF-8"}, "es"),
        ("en", "peer-integration.es", {"LANG": "es_ES.UTF-8"}, "en"),
        ("auto", "peer-integration.es", {"LANG": "en_GB.UTF-8"}, "es"),
        ("auto", "peer-integration", {"LANG": "es_MX.UTF-8"}, "es"),
        ("auto", "peer-integration", {"LANGUAGE": "es:en", "LANG": "C"}, "es"),
        ("auto", "peer-integration", {"LANG": "de_DE.UTF-8"}, "en"),
        ("pt_BR", "peer-integration", {"LANG": "en_GB.UTF-8"}, "pt_BR"),
        ("auto", "peer-integration.pt_BR", {"LANG": "es_ES.UTF-8"}, "pt_BR"),
        ("auto", "peer-integration", {"LANG": "pt_BR.UTF-8"}, "pt_BR"),
        ("auto", "peer-integration", {"LANG": "pt_PT.UTF-8"}, "pt_BR"),
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


def test_the_languages_are_the_catalogues_in_locale(tmp_path, monkeypatch):
    """A new language is its catalogue: no list in the code to add it to."""
    assert i18n.LANGUAGES[0] == "en" and "es" in i18n.LANGUAGES
    for code in ("es", "pt_BR", "xx"):
        folder = tmp_path / code / "LC_MESSAGES"
        folder.mkdir(parents=True)
        if code != "xx":  # a folder without a compiled catalogue is no language yet
            (folder / "circle_tui.mo").write_bytes(b"")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    assert i18n._catalogued() == ("es", "pt_BR")


@pytest.mark.parametrize(
    ("locale", "spoken"),
    [
        ("pt_BR.UTF-8", "pt_BR"),
        ("pt_PT.UTF-8", "pt_BR"),  # the Portuguese we have, rather than English
        ("pt", "pt_BR"),
        ("es_MX.UTF-8", "es"),
        ("de_DE", None),
    ],
)
def test_a_system_locale_finds_the_nearest_language_spoken(monkeypatch, locale, spoken):
    monkeypatch.setattr(i18n, "LANGUAGES", ("en", "es", "pt_BR"))
    assert i18n.system_language({"LANG": locale}) == spoken
    assert i18n.choose("auto", "peer-integration", {"LANG": locale}) == (spoken or "en")


def test_dates_numbers_and_shares_follow_any_language_s_cldr_data(monkeypatch):
    """Another language's dates come from CLDR, not from a pattern written for Spanish."""
    monkeypatch.setattr(i18n, "LANGUAGES", (*i18n.LANGUAGES, "pt_BR"))
    day = date(2026, 11, 28)
    i18n.use("pt_BR")
    assert (i18n.long_date(day), i18n.month_year(day), i18n.number(10000)) == (
        "sábado, 28 de novembro de 2026",
        "novembro de 2026",
        "10.000",
    )
    assert i18n.percent(0.45) == "45%"
    i18n.use("es")
    assert i18n.percent(0.45) == "45 %"
    i18n.use("en")
    assert i18n.percent(0.45) == "45%"
    assert i18n.language_name("es") == "español"


def test_a_new_language_s_catalogue_is_all_a_set_in_it_needs(tmp_path, monkeypatch):
    """Section headings, placeholders and key names in a language the code has never heard
    of: its catalogue says them, and a set named NAME.xx is read in them."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    from circle_tui.core.agreements import parse
    from circle_tui.ui.keys import key_name

    catalogue = Catalog(locale="pt_BR")
    catalogue.add("Opening words", "Palavras de abertura")
    catalogue.add("[TO FILL IN", "[A PREENCHER")
    catalogue.add("enter", "enter ⏎", context="key")
    folder = tmp_path / "pt_BR" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "circle_tui.mo").open("wb") as f:
        write_mo(f, catalogue)
    from circle_tui.ui import keys

    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(i18n, "LANGUAGES", ("en", *i18n._catalogued()))
    i18n._catalogue.cache_clear()
    keys._named.cache_clear()
    try:
        text = (
            "# Acordos\n\n## Palavras de abertura\n\nOlá.\n\n## Ouvir\n\n[A PREENCHER: um número]\n"
        )
        parsed = parse(text, "/sets/acordos.pt_BR.md")
        assert parsed.opening == "Olá." and [c.heading for c in parsed.cards] == ["Ouvir"]
        assert parsed.placeholders == 1
        assert parse(text, "/sets/acordos.md").opening == ""  # an English set: a card like any
        i18n.use("pt_BR")
        assert key_name("enter") == "enter ⏎"
    finally:
        # This fake pt_BR must not stay cached for the real one's tests in the same worker:
        # its key table (space still "space") once leaked into Portuguese screens.
        i18n._catalogue.cache_clear()
        keys._named.cache_clear()


def test_a_message_is_shown_before_any_language_is_chosen():
    """The CLI reports a bad settings file before it knows the language to speak."""
    import subprocess
    import sys

    code = "from circle_tui import i18n\nprint(i18n._('Break'), i18n.current())\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "Break en"


def test_only_the_language_owner_changes_the_language(tmp_path):
    """A session reads the language the command line chose; saving settings changes it."""
    import re
    from pathlib import Path

    from circle_tui.session import Session
    from circle_tui.settings import Paths, Settings
    from circle_tui.storage.attendance import AttendanceLog

    paths = Paths(config_file=tmp_path / "config.toml", data_dir=tmp_path / "data")
    log, _aside = AttendanceLog.open(paths.data_dir)
    session = Session(paths, Settings(language="es"), log)
    assert i18n.current() == "en"  # building a session is no place to change it
    session.apply_settings(Settings(language="es"))
    assert i18n.current() == "es"
    package = Path(i18n.__file__).parent
    setters = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if re.search(r"\buse\(|use_chosen", path.read_text(encoding="utf-8"))
    ]
    assert setters == ["i18n.py"]
