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


def _catalogued() -> tuple[str, ...]:
    """Every language with a compiled catalogue in locale/ (`es`, `pt_BR`, …): adding a
    language is adding its catalogue, with no list in the code to keep in step."""
    if not LOCALE_DIR.is_dir():
        return ()
    return tuple(
        sorted(
            folder.name
            for folder in LOCALE_DIR.iterdir()
            if (folder / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()
        )
    )


#: The languages the app speaks: English, as the messages are written, and each catalogue's.
LANGUAGES = ("en", *_catalogued())

_current = "en"
#: None while speaking English: messages are shown as written, and the English console
#: never imports gettext (its startup is benchmarked).
_translation: gettext.NullTranslations | None = None


def N_(message: str) -> str:
    """Mark a module-level text for translation; it is translated where it is shown."""
    return message


def _(message: str) -> str:
    return message if _translation is None else _translation.gettext(message)


def pgettext(context: str, message: str) -> str:
    """`message` as `context` means it: `pgettext("key", "space")` is the space bar's name,
    which a language may call otherwise than the word for room."""
    return message if _translation is None else _translation.pgettext(context, message)


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


def in_language(language: str, message: str) -> str:
    """`message` as `language`'s catalogue says it, whatever language is spoken now: for
    words read in files written in a language (a set's section headings, its placeholders)."""
    if language == "en" or language not in LANGUAGES:
        return message
    return _catalogue(language).gettext(message)


def use(language: str) -> None:
    """Speak `language` (one of LANGUAGES) from now on, everywhere in this process: what
    `Language` does; tests call it to speak a language outright."""
    global _current, _translation
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _current = language
    _translation = None if language == "en" else _catalogue(language)


def spoken(code: str) -> str | None:
    """The language we speak for a locale code: `es_MX.UTF-8` is `es`; `pt_BR` is `pt_BR`
    when there is a catalogue for it, else `pt`, else any `pt_…` there is; None for one we
    do not speak."""
    code = code.split(".")[0].split("@")[0].replace("-", "_")
    language, _sep, region = code.partition("_")
    language = language.lower()
    exact = f"{language}_{region.upper()}" if region else language
    for candidate in (exact, language):
        if candidate in LANGUAGES:
            return candidate
    return next((known for known in LANGUAGES if known.split("_")[0] == language), None)


def system_language(environ: Mapping[str, str] = os.environ) -> str | None:
    """The system's language, as gettext reads it (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)."""
    for key in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(key, "")
        for part in value.split(":"):
            code = part.split(".")[0]
            if not code or code.lower() in ("c", "posix"):
                continue
            found = spoken(code)
            if found is None:
                return None  # a language we do not speak: English, not the next variable
            return found
    return None


def set_language(name: str) -> str | None:
    """The language a set declares by its file name: `peer-integration.es` is Spanish,
    `peer-integration.pt_BR` Brazilian Portuguese."""
    suffix = name.rsplit(".", 1)[-1] if "." in name else ""
    return suffix if suffix in LANGUAGES else None


def choose(setting: str, set_name: str, environ: Mapping[str, str] = os.environ) -> str:
    """`language = "auto"`: the agreement set's language, else the system's, else English."""
    if setting != "auto":
        return setting
    return set_language(set_name) or system_language(environ) or "en"


class Language:
    """The owner of the language this process speaks (gettext's is one per process), and
    the only thing that changes it: from the settings in use (the command line at start,
    the settings screen when it saves) or, in the room view, from the console's snapshots.
    Everything else asks `current()`."""

    def follow_settings(
        self, setting: str, set_name: str, environ: Mapping[str, str] = os.environ
    ) -> str:
        """Speak what the `language` setting chooses for this agreement set; returns it."""
        language = choose(setting, set_name, environ)
        use(language)
        return language

    def follow_console(self, language: object) -> bool:
        """The room view speaks the console's language, when we speak it; True if it changed."""
        if language not in LANGUAGES or language == _current:
            return False
        use(str(language))
        return True


#: The process's one `Language`.
LANGUAGE = Language()


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
    """`November 2026`; `noviembre de 2026`: the language's own pattern for a month of a year
    (CLDR's `yMMMM`)."""
    if _current == "en":
        return f"{day:%B %Y}"
    from babel.dates import format_skeleton

    return format_skeleton("yMMMM", day, locale=_current)


def percent(share: float) -> str:
    """`45%` in English, `45 %` in Spanish: a share as the language writes it, no decimals."""
    if _current == "en":
        return f"{share:.0%}"
    from babel.numbers import format_percent

    # CLDR puts a no-break space before the sign where a language spaces it: a plain one
    # here, as spreadsheets and terminals read it alike.
    return format_percent(share, locale=_current).replace("\xa0", " ")


def language_name(code: str) -> str:
    """A language's name in that language (`español`, `português (Brasil)`), from CLDR."""
    if code == "en":
        return "English"
    from babel import Locale

    return Locale.parse(code).display_name or code
