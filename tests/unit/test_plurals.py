"""Every noun a count meets, at 0, 1 and 2, in English and Spanish: no "1 first-timers"."""

from __future__ import annotations

import pytest

from circle_tui import i18n
from circle_tui.core.record import NOUNS, counted
from circle_tui.core.timer import cue_words

#: (noun, language): what 0, 1 and 2 of it read as.
EXPECTED = {
    ("session", "en"): ("0 sessions", "1 session", "2 sessions"),
    ("session", "es"): ("0 sesiones", "1 sesión", "2 sesiones"),
    ("card", "en"): ("0 cards", "1 card", "2 cards"),
    ("card", "es"): ("0 tarjetas", "1 tarjeta", "2 tarjetas"),
    ("file", "en"): ("0 files", "1 file", "2 files"),
    ("file", "es"): ("0 archivos", "1 archivo", "2 archivos"),
    ("circle", "en"): ("0 circles", "1 circle", "2 circles"),
    ("circle", "es"): ("0 círculos", "1 círculo", "2 círculos"),
    ("first-timer", "en"): ("0 first-timers", "1 first-timer", "2 first-timers"),
    ("first-timer", "es"): ("0 primeras visitas", "1 primera visita", "2 primeras visitas"),
    ("attendance", "en"): ("0 attendances", "1 attendance", "2 attendances"),
    ("attendance", "es"): ("0 asistencias", "1 asistencia", "2 asistencias"),
    ("problem", "en"): ("0 problems", "1 problem", "2 problems"),
    ("problem", "es"): ("0 problemas", "1 problema", "2 problemas"),
    ("room view", "en"): ("0 room views", "1 room view", "2 room views"),
    ("room view", "es"): ("0 vistas de sala", "1 vista de sala", "2 vistas de sala"),
}


def test_every_counted_noun_is_in_the_table():
    assert {noun for noun, _language in EXPECTED} == set(NOUNS)


@pytest.mark.parametrize(("noun", "language"), list(EXPECTED))
def test_zero_one_and_two_of_every_noun(noun, language):
    i18n.use(language)
    assert tuple(counted(n, noun) for n in (0, 1, 2)) == EXPECTED[noun, language]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "10,000 sessions"), ("es", "10.000 sesiones")],
)
def test_large_counts_are_grouped_as_the_language_writes_them(language, expected):
    i18n.use(language)
    assert counted(10_000, "session") == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ("1 second left", "2 seconds left", "1 minute left", "2 minutes left")),
        ("es", ("queda 1 segundo", "quedan 2 segundos", "queda 1 minuto", "quedan 2 minutos")),
    ],
)
def test_the_cue_counts_seconds_and_minutes(language, expected):
    i18n.use(language)
    assert (cue_words(1), cue_words(2), cue_words(60), cue_words(120)) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ("0 sessions logged", "1 session logged", "2 sessions logged")),
        ("es", ("0 sesiones registradas", "1 sesión registrada", "2 sesiones registradas")),
    ],
)
def test_sentences_with_a_count_agree_with_it(language, expected):
    i18n.use(language)
    found = tuple(
        i18n.ngettext(
            "{n} session logged · counts only, no names",
            "{n} sessions logged · counts only, no names",
            n,
        ).format(n=n)
        for n in (0, 1, 2)
    )
    assert tuple(f.split(" ·")[0] for f in found) == expected


def test_the_import_summary_says_one_session_not_one_sessions(tmp_path, capsys):
    """The slip the issue names: `imported 1 sessions`."""
    import json

    from circle_tui.cli import main
    from tests.support.helpers import record

    export = tmp_path / "one.json"
    export.write_text(json.dumps([record().to_dict()]), encoding="utf-8")
    assert main(["attendance", "import", str(export)]) == 0
    out = capsys.readouterr().out
    assert "imported 1 session from" in out and "skipped 0 already here" in out


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        (
            "en",
            "1 likely duplicate not added (--keep-both adds it)",
            "2 likely duplicates not added",
        ),
        ("es", "1 probable duplicado no añadido", "2 probables duplicados no añadidos"),
        ("pt_BR", "1 provável duplicata não adicionada", "2 prováveis duplicatas não adicionadas"),
    ],
)
def test_the_import_summary_agrees_with_its_count_of_likely_duplicates(language, one, two):
    """The whole phrase is one plural message: "não adicionada" agrees with one duplicate."""
    from circle_tui.i18n import ngettext

    i18n.use(language)
    said = {
        n: ngettext(
            "{n} likely duplicate not added (--keep-both adds it)",
            "{n} likely duplicates not added (--keep-both adds them)",
            n,
        ).format(n=n)
        for n in (1, 2)
    }
    assert said[1].startswith(one) and said[2].startswith(two)
