"""A whole circle walked in every language, every screen's text collected: Spanish,
Portuguese and any language with a catalogue show no English message, English shows no
untranslated key or unfilled placeholder."""

from __future__ import annotations

import functools
import re

import pytest

from circle_tui import i18n
from circle_tui.settings import Settings
from circle_tui.ui.room import RoomApp
from tests.support.scenario import Facilitator, room_scenes, scripted_app, scripted_session
from tests.support.ui_support import screen_text
from tests.unit.test_i18n import read_po

FEEDBACK = "https://forms.example.org/f?d={date}&c={circle}"
PLACEHOLDER = re.compile(r"\{\w*\}|%\(\w+\)[sdr]")


#: A circle's name as a facilitator in each language would call it.
CIRCLE_NAMES = {"en": "Tuesday circle", "es": "Círculo del martes", "pt_BR": "Círculo de terça"}


def settings_for(language: str) -> Settings:
    return Settings(
        circle_name=CIRCLE_NAMES.get(language, "Tuesday circle"),
        agreements="peer-integration" if language == "en" else f"peer-integration.{language}",
        language=language,
        feedback_url=FEEDBACK,
        silence_seconds=5,
        pause_silence_seconds=30,
        resources_url="https://support.example.org/",
    )


async def walk(app) -> dict[str, str]:
    """Every screen of a circle and the host's screens, as text: home to the saved end, the
    dialogs, the help, settings, privacy and attendance review."""
    seen: dict[str, str] = {}
    async with app.run_test(size=(100, 40)) as pilot:
        f = Facilitator(pilot)

        async def look(name: str) -> None:
            refresh = getattr(app.screen, "refresh_view", None)
            if refresh is not None:  # what the fake clock moved on
                refresh()
            await pilot.pause()
            seen[name] = (
                screen_text(app) + "\n" + "\n".join(str(n.message) for n in app._notifications)
            )

        await f.settle()
        await look("home")
        await f.press("question_mark")
        await look("help")
        await f.press("escape", "s")
        await look("settings")
        await f.press("escape", "i")
        await look("privacy")
        await f.press("escape", "enter", "plus", "n", "2", "plus", "t")
        await look("arrivals, typing a name")
        await f.press(*"Ana", "enter", "e")
        await look("arrivals with seats")
        await f.press("escape", "minus", "plus", "enter")
        await look("opening")
        await f.press("space")
        f.clock.advance(10)
        await look("opening silence")
        await f.press("enter")
        await look("agreements")
        cards = len(app.session.texts.cards)
        await f.press(*["right"] * (cards - 1))
        await look("the last card")
        await f.press("right")
        await look("rounds, between")
        await f.press("enter")
        await look("rounds, the timer waiting")
        await f.press("enter")
        f.clock.advance(20)
        await look("rounds, a turn")
        await f.press("space")
        await look("rounds, paused")
        await f.press("space", "g")
        await look("care pause")
        await f.press("r")
        await look("care pause with resources")
        await f.press("enter", "l")
        await look("who steps out")
        await f.press("escape", "enter")
        f.clock.advance(50)
        await look("rounds, the cue")
        f.clock.advance(60)
        await look("rounds, over time")
        await f.press("r")
        await look("end the round early?")
        await f.press("enter", "b")
        await look("break")
        await f.press("enter", "v")
        await look("room preview")
        await f.press("escape", "c")
        await look("go to closing?")
        await f.press("enter")
        await f.finish_round()
        await f.press("enter")
        await look("closing")
        await f.press("enter")
        await look("end")
        await f.press("ctrl+q")
        await look("save and quit?")
        await f.press("escape", "enter")
        await f.settle()
        await look("saved")
        await f.press("a")
        await f.settle()
        await look("attendance review")
    return seen


async def room_walk(language: str, tmp_path) -> dict[str, str]:
    """What the room view shows at each moment of a circle."""
    from tests.app.test_room_view import visible_text

    settings = settings_for(language)
    session = scripted_session(tmp_path / "room", settings)
    app = RoomApp(None, settings, clock=session.clock)
    seen = {}
    async with app.run_test(size=(100, 40)) as pilot:
        for name, room in room_scenes(session):
            app.show(room)
            await pilot.pause()
            seen["room: " + name] = visible_text(app)
    return seen


def words(text: str) -> str:
    return " ".join(text.split())


def english_left(seen: dict[str, str], language: str = "es") -> list[tuple[str, str]]:
    """Every English message (its longest run of words between placeholders) found on a
    screen, where `language`'s translation differs; runs of a word or two are shared by both
    languages."""
    found = []
    for m in read_po(language):
        if not m.id:
            continue
        for msgid, string in zip(
            m.id if isinstance(m.id, tuple) else (m.id,),
            m.string if isinstance(m.string, tuple) else (m.string,),
            strict=False,
        ):
            run = max(PLACEHOLDER.split(words(msgid)), key=len).strip(" ·:,.;—")
            if len(run.split()) < 3 or run in words(string):
                continue
            found += [(name, run) for name, text in seen.items() if run in words(text)]
    return found


#: What each language's walk must show, screen by screen: its own words, dates and numbers.
SEEN_IN = {
    "es": {
        "home": ["viernes, 27 de noviembre de 2026"],  # the date as Spanish writes it
        "arrivals, typing a name": ["Llegadas"],
        "arrivals with seats": ["Un nombre para Ana"],
        "the last card": ["¿Estamos de acuerdo?"],
        "rounds, between": ["ronda 1 de 4 · entrada"],
        "rounds, the cue": ["quedan 30 segundos"],  # the cue, as it was given
        "rounds, over time": ["tiempo cumplido"],
        "attendance review": ["Asistencia", "5,0 por sesión"],  # a decimal comma
        "care pause with resources": ["Apoyo y recursos"],  # resources.es
        "room: arrivals": ["Vamos tomando asiento; empezamos pronto."],
    },
    "pt_BR": {
        "home": ["sexta-feira, 27 de novembro de 2026"],  # the date as CLDR's pt writes it
        "arrivals, typing a name": ["Chegadas"],
        "arrivals with seats": ["Um nome para Ana"],
        "the last card": ["Estamos de acordo?"],
        "rounds, between": ["rodada 1 de 4 · check-in"],
        "rounds, the cue": ["faltam 30 segundos"],
        "rounds, over time": ["passou do tempo"],
        "attendance review": ["Presença", "5,0 por sessão"],
        "care pause with resources": ["Apoio e recursos"],  # resources.pt_BR
        "room: arrivals": ["Vamos nos acomodando; já vamos começar."],
    },
}


@pytest.mark.slow
@pytest.mark.parametrize("language", i18n.LANGUAGES[1:])
async def test_a_whole_circle_in_another_language_shows_no_english_message(tmp_path, language):
    app = scripted_app(tmp_path / language, settings_for(language))
    seen = await walk(app)
    seen |= await room_walk(language, tmp_path)
    assert i18n.current() == language
    assert english_left(seen, language) == []
    missing = [
        (name, sentence)
        for name, sentences in SEEN_IN.get(language, {}).items()
        for sentence in sentences
        if sentence not in words(seen[name])
    ]
    assert missing == []
    default_closing = i18n.in_language(language, "*Thank you all.*").strip("*.")
    assert default_closing not in seen["room: closing"]  # the set has its own words


@pytest.mark.slow
async def test_a_whole_circle_in_english_shows_no_untranslated_key(tmp_path):
    app = scripted_app(tmp_path / "en", settings_for("en"))
    seen = await walk(app)
    seen |= await room_walk("en", tmp_path)
    assert i18n.current() == "en"
    leftovers = [
        (name, hit)
        for name, text in seen.items()
        for hit in PLACEHOLDER.findall(text) + re.findall(r"\b_\(|\bN_\(", text)
        if hit not in ("{date}", "{circle}")  # the feedback URL's own, in settings and help
    ]
    assert leftovers == []
    assert len(english_left(seen)) > 100  # the check the Spanish walk passes finds English
    assert "Friday 27 November 2026" in seen["home"]
    assert "5.0 per session" in words(seen["attendance review"])


@pytest.mark.parametrize("language", i18n.LANGUAGES)
async def test_the_language_setting_chooses_the_console_s_language(tmp_path, language):
    start = {code: i18n.in_language(code, "Start today's circle") for code in i18n.LANGUAGES}
    assert start["es"] == "Empezar el círculo de hoy"  # read by a person, like the walk's
    app = scripted_app(tmp_path, Settings(language=language))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
    assert [code for code, words in start.items() if words in text] == [language]


async def test_choosing_spanish_in_the_settings_turns_home_spanish_at_once(tmp_path):
    from textual.widgets import Select

    app = scripted_app(tmp_path, Settings(language="en"))
    async with app.run_test(size=(100, 40)) as pilot:
        f = Facilitator(pilot)
        await f.settle()
        assert "Start today's circle" in screen_text(app)
        await f.press("s")
        app.screen.query_one("#f-language", Select).value = "es"
        await f.press("ctrl+s")
        await f.settle()
        text = screen_text(app)
    assert "Empezar el círculo de hoy" in text and "Asistencia" in text and "Ajustes" in text
    assert "Start today's circle" not in text and "Attendance" not in text


#: Textual's own search line and commands, in each language: (placeholder, theme, quit).
PALETTE = {
    "es": (
        "Buscar órdenes…",
        ("Tema", "Cambiar el tema de colores"),
        ("Salir", "Salir de circle-tui; durante un círculo, pregunta antes"),
    ),
    "pt_BR": (
        "Buscar comandos…",
        ("Tema", "Mudar o tema de cores"),
        ("Sair", "Sair do circle-tui; durante um círculo, pergunta antes"),
    ),
}


def palette_in(language: str) -> tuple[str, tuple[str, str], tuple[str, str]]:
    """PALETTE's entry, or for a language not listed there, its catalogue's words."""
    if language in PALETTE:
        return PALETTE[language]
    say = functools.partial(i18n.in_language, language)
    return (
        say("Search for commands…"),
        (say("Theme"), say("Change the current theme")),
        (say("Quit"), say("Quit circle-tui; during a circle it asks first")),
    )


@pytest.mark.parametrize("language", i18n.LANGUAGES[1:])
async def test_the_command_palette_speaks_the_language_too(tmp_path, language):
    """Textual's own commands and search line, not only ours (found by a walk)."""
    from textual.command import CommandInput, CommandPalette

    app = scripted_app(tmp_path, settings_for(language))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        placeholder = app.screen.query_one(CommandInput).placeholder
        titles = {command.title: command.help for command in app.get_system_commands(app.screen)}
    search, (theme, change), (leave, leaving) = palette_in(language)
    assert placeholder == search
    assert (titles[theme], titles[leave]) == (change, leaving)
