"""The app's language: gettext catalogues for every message, and dates and numbers as the
language writes them.

One language at a time for the whole process (`use`), chosen from the `language` setting:
`auto` follows the agreement set's language, then the system's, then English. Messages are
looked up when shown, so module-level texts are marked with `N_` and translated where they
are displayed. English needs no catalogue; other languages read theirs once, when chosen.
Babel (CLDR's dates and numbers) is loaded only for a language other than English: the
English console starts and runs without it."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext

DOMAIN = "circle_tui"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
#: The languages the app speaks; a catalogue in locale/ for each but English.
LANGUAGES = ("en", "es")
LANGUAGE_NAMES = {"en": "English", "es": "español"}

_current = "en"
#: None while speaking English: messages are shown as written, and the English console
#: never imports gettext (its startup is benchmarked).
_translation: gettext.NullTranslations | None = None


def N_(message: str) -> str:
    """Mark a module-level text for translation; it is translated where it is shown."""
    return message


def _(message: str) -> str:
    return message if _translation is None else _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    if _translation is None:
        return singular if n == 1 else plural
    return _translation.ngettext(singular, plural, n)


def current() -> str:
    return _current


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    import gettext

    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def use(language: str) -> None:
    """Speak `language` ("en" or "es") from now on, everywhere in this process."""
    global _current, _translation
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _current = language
    _translation = None if language == "en" else _catalogue(language)


def system_language(environ: Mapping[str, str] = os.environ) -> str | None:
    """The system's language, as gettext reads it (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)."""
    for key in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(key, "")
        for part in value.split(":"):
            code = part.split("_")[0].split(".")[0].lower()
            if code in LANGUAGES:
                return code
            if code and code not in ("c", "posix"):
                return None  # a language we do not speak: English, not the next variable
    return None


def set_language(name: str) -> str | None:
    """The language a set declares by its file name: `peer-integration.es` is Spanish."""
    suffix = name.rsplit(".", 1)[-1] if "." in name else ""
    return suffix if suffix in LANGUAGES else None


def choose(setting: str, set_name: str, environ: Mapping[str, str] = os.environ) -> str:
    """`language = "auto"`: the agreement set's language, else the system's, else English."""
    if setting != "auto":
        return setting
    return set_language(set_name) or system_language(environ) or "en"


def use_chosen(setting: str, set_name: str, environ: Mapping[str, str] = os.environ) -> str:
    """Speak what the `language` setting chooses for this agreement set; returns it."""
    language = choose(setting, set_name, environ)
    use(language)
    return language


# -- dates and numbers ----------------------------------------------------------------------
def number(n: int | float, decimals: int = 0) -> str:
    """`10,000` in English, `10.000` in Spanish."""
    if _current == "en":
        return f"{n:,.{decimals}f}"
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(n, format=pattern, locale=_current)


def long_date(day: date) -> str:
    """`Saturday 28 November 2026`; `sábado, 28 de noviembre de 2026`."""
    if _current == "en":
        return f"{day:%A} {day.day} {day:%B %Y}"
    from babel.dates import format_date

    return format_date(day, format="full", locale=_current)


def month_year(day: date) -> str:
    """`November 2026`; `noviembre de 2026`."""
    if _current == "en":
        return f"{day:%B %Y}"
    from babel.dates import format_date

    return format_date(day, format="LLLL 'de' y", locale=_current)
