"""Each setting declared once: the init file, the writer, the screen and the checks follow it."""

from __future__ import annotations

import os
import tomllib
from dataclasses import replace

import pytest
from textual.widgets import Input, Select, Static, Switch

from circle_tui.cli import main
from circle_tui.core.rounds import RoundSpec
from circle_tui.settings import Settings, load_settings
from circle_tui.settings.schema import declarations, declared
from circle_tui.settings.toml_file import default_config_text, settings_to_toml
from circle_tui.ui.screens.settings import SettingsScreen, field_id
from circle_tui.ui.widgets.rounds_editor import RoundRow, RoundsEditor
from tests.support.ui_support import make_app, press

#: A value each setting accepts that is not its default.
OTHER = {
    "circle_name": "Thursday circle",
    "feedback_url": "https://forms.example.org/f?d={date}",
    "resources_url": "https://support.example.org/",
    "agreements": "drop-in",
    "resources": "resources.es",
    "language": "es",
    "session_minutes": 90,
    "warning_seconds": 30,
    "silence_seconds": 5,
    "opening_silence_seconds": 30,
    "closing_silence_seconds": 20,
    "pause_silence_seconds": 60,
    "bell": True,
    "break_minutes": 15,
    "show_clock": True,
    "chime": "silences-and-time",
    "theme": "textual-light",
    "qr_error_correction": "H",
    "room_names": "seat",
    "room_safe": "off",
    "rotate_start": "next-seat-and-direction",
    "rounds": (
        RoundSpec("grounding", 2, "How are you arriving?"),
        RoundSpec("closing", 1, closing=True),
    ),
}


def bad_value(d) -> object:
    """A value the setting's declaration refuses."""
    if d.kind.field == "switch":
        return "yes"
    if d.kind.field in ("integer", "number"):
        return d.rule.high + 1
    if d.kind.field == "rounds":
        return []
    return "x" * (d.rule.max_len + 1)


def test_every_declared_setting_has_a_different_value_for_these_tests():
    assert set(OTHER) == {d.name for d in declarations()}


def test_every_setting_appears_in_the_init_file_with_its_help():
    text = default_config_text()
    data = tomllib.loads(text)
    for d in declarations():
        assert d.key in data, d.key
        assert d.rule.help.split()[0] in text
    assert load_settings_from(text) == Settings()


def load_settings_from(text: str) -> Settings:
    from circle_tui.settings.checks import settings_from_mapping

    return settings_from_mapping(tomllib.loads(text))


@pytest.mark.parametrize("name", list(OTHER))
def test_the_writer_writes_back_every_setting(name):
    changed = replace(Settings(), **{name: OTHER[name]})
    for existing in (None, default_config_text(), ""):
        assert load_settings_from(settings_to_toml(changed, existing)) == changed


@pytest.mark.parametrize("d", list(declarations()), ids=lambda d: d.key)
def test_an_out_of_range_value_exits_2_naming_file_and_key(d, isolated_dirs, capsys):
    import tomlkit

    path = isolated_dirs["config"]
    path.parent.mkdir(parents=True)
    path.write_text(tomlkit.dumps({d.key: bad_value(d)}), encoding="utf-8")
    # The theme is checked against Textual's registry, which only the app loads.
    command = [] if d.name == "theme" else ["config"]
    assert main(command) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"circle-tui: {path}: {d.key}") and "expected" in err


async def test_the_settings_screen_has_a_field_for_every_setting(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "s")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        kinds = {"switch": Switch, "integer": Input, "number": Input, "rounds": RoundsEditor}
        for d in declarations():
            widget = screen.query_one("#" + field_id(d.key))
            wanted = kinds.get(d.kind.field) or (Select if screen.choices(d) else Input)
            assert isinstance(widget, wanted), d.key
        themes = [v for _, v in screen.query_one("#f-theme", Select)._options]
        assert "high-contrast" in themes and "nord" in themes  # Textual's registry, and ours


COMMENTED = """\
# Our Tuesday circle's settings — kept by Ana; ask before changing.
circle_name = "Tuesday circle"  # as the flyer says

# The form we print on the cards.
feedback_url = "https://forms.example.org/f"

[[round]]  # the check-in
name = "check-in"
minutes = 1
prompt = "How are you arriving?"  # we change this every season

[[round]]
name = "sharing"
minutes = 5

[[round]]
name = "closing"
minutes = 1
closing = true
"""


async def test_saving_from_the_screen_keeps_every_comment_of_the_file(tmp_path):
    app = make_app(tmp_path)
    path = app.session.paths.config_file
    path.parent.mkdir(parents=True)
    path.write_text(COMMENTED, encoding="utf-8")
    app.session.apply_settings(load_settings(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "s")
        screen = app.screen
        screen.query_one("#f-session_minutes", Input).value = "100"
        sharing = list(screen.query(RoundRow))[1]
        sharing.query_one(".round-minutes", Input).value = "6"
        await pilot.pause()
        await press(pilot, "ctrl+s")
    text = path.read_text(encoding="utf-8")
    for line in COMMENTED.splitlines():
        if "#" in line:
            assert "#" + line.split("#", 1)[1] in text, line
    saved = load_settings(path)
    assert saved.session_minutes == 100 and saved.rounds[1].minutes == 6
    assert saved.rounds[0].prompt == "How are you arriving?"


async def test_a_bad_value_is_refused_in_place_and_a_good_one_saved(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "s")
        screen = app.screen
        sharing = list(screen.query(RoundRow))[1]
        minutes = sharing.query_one(".round-minutes", Input)
        minutes.value = "0"
        await pilot.pause()
        error = screen.query_one(RoundsEditor).query_one(".rounds-error", Static)
        assert error.display and "round[2].minutes: expected a whole number of minutes" in str(
            error.render()
        )
        await press(pilot, "ctrl+s")
        assert not app.session.paths.config_file.exists()  # nothing saved
        minutes.value = "7"
        screen.query_one("#f-circle_name", Input).value = "Thursday circle"
        agreements = screen.query_one("#f-agreements", Select)
        choices = screen.choices(declared()["agreements"])
        assert "peer-integration.es" in choices and "resources" not in choices
        agreements.value = "drop-in"
        await pilot.pause()
        assert not error.display
        await press(pilot, "ctrl+s")
        await pilot.pause()
        # Back on home, its title line names the circle as saved, not as it was.
        assert "Thursday circle" in top_line(app)
    saved = load_settings(app.session.paths.config_file)
    assert saved.rounds[1].minutes == 7 and saved.circle_name == "Thursday circle"
    assert saved.agreements == "drop-in"
    assert app.session.settings == saved
    assert app.session.texts.agreements.title == "Drop-in circle agreements (short)"


def top_line(app) -> str:
    """The screen's first line as drawn (from the widgets' drawn lines, not rendered anew)."""
    return app.screen._compositor.render_strips()[0].text


async def test_rounds_can_be_added_and_removed_on_the_screen(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "s")
        screen = app.screen
        first = list(screen.query(RoundRow))[0]
        first.query_one(".round-name", Input).focus()
        await press(pilot, "ctrl+n")
        assert len(screen.query(RoundRow)) == 5
        await press(pilot, "ctrl+r")
        await press(pilot, "ctrl+r")
        assert len(screen.query(RoundRow)) == 3
        await press(pilot, "ctrl+s")
    saved = load_settings(app.session.paths.config_file)
    assert [r.name for r in saved.rounds] == ["check-in", "sharing", "closing"]


async def test_the_default_plan_is_edited_in_the_circles_language_and_kept_in_english(tmp_path):
    """Shown as the rounds screen says it; saved as the default's words, so the plan keeps
    following the language; a round renamed is kept as typed."""
    app = make_app(tmp_path, Settings(language="es", circle_name="Círculo"))
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "s")
        rows = list(app.screen.query(RoundRow))
        shown = [row.query_one(".round-name", Input).value for row in rows]
        assert shown == [spec.label for spec in app.session.settings.rounds]
        assert shown[1] != "sharing" and rows[0].query_one(".round-prompt", Input).value == (
            app.session.settings.rounds[0].question
        )
        rows[1].query_one(".round-name", Input).value = "Integración"
        await press(pilot, "ctrl+s")
    saved = load_settings(app.session.paths.config_file)
    assert [r.name for r in saved.rounds] == ["check-in", "Integración", "sharing", "closing"]
    assert saved.rounds[0].prompt == "What are you bringing to the circle tonight?"


async def test_a_round_named_in_the_circles_language_in_the_file_keeps_its_words(tmp_path):
    """ "cierre", typed into config.toml, reads as the default's "closing" in Spanish: saving
    the settings, rounds untouched, leaves it as typed."""
    rounds = (RoundSpec("entrada", 1), RoundSpec("cierre", 1, closing=True))
    app = make_app(tmp_path, Settings(language="es", circle_name="Círculo", rounds=rounds))
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "s")
        app.screen.query_one("#" + field_id("circle_name"), Input).value = "Círculo del martes"
        await press(pilot, "ctrl+s")
    saved = load_settings(app.session.paths.config_file)
    assert [r.name for r in saved.rounds] == ["entrada", "cierre"]


#: What a facilitator might type or paste into a field: each is taken or refused with a message.
TYPED = {
    "feedback_url": [
        "https://[::1]/f",
        "https://[::1",
        "https://[zz]/f",
        "https://e.org/[b]x[/b]",
        "https://e.org/f?d={date:>10}",
        "https://e.org/f?c={circle!r}",
        "https://e.org/f?x={0}{}",
        "https://e.org/f?x={{date}}",
        "https://e.org/\x1b[31m",
        "https://exa mple.org/",
        "https://é.example/{circle}",
        "javascript:alert(1)",
        "https://e.org/" + "a" * 600,
        " ",
    ],
    "resources_url": ["http://[", "https://e.org/f?x={", "https://e.org/%zz", "mailto:x@e.org"],
    "circle_name": ["[/]", "[@click=app.quit]q", "Tues\u202eday", "a\x00b", " ", "x" * 81],
    "session_minutes": ["9" * 5000, "²", "١٢٠", "-5", "1_000", "1e3", "0x10", "", "99999999999"],
    "warning_seconds": ["-0", "+5", " 30 ", "3.5"],
}


async def test_no_text_typed_into_a_field_crashes_the_settings_screen(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "s")
        screen = app.screen
        for key, texts in TYPED.items():
            field = screen.query_one("#" + field_id(key), Input)
            for text in texts:
                field.value = text
                await pilot.pause()
                settings = screen.validate()
                status = str(screen.query_one("#settings-status", Static).render())
                if settings is None:
                    assert status.startswith(f"Not saved: {key}: "), (key, text, status)
                else:
                    assert str(getattr(settings, key)).strip() == text.strip()
            field.value = str(getattr(Settings(), key))
        rounds = list(screen.query(RoundRow))
        for selector, text in [
            (".round-minutes", "9" * 5000),
            (".round-name", "[/]\x1b"),
            (".round-prompt", "a\u2028b"),
        ]:
            before = rounds[0].query_one(selector, Input).value
            rounds[0].query_one(selector, Input).value = text
            await pilot.pause()
            assert screen.validate() is None
            error = screen.query_one(RoundsEditor).query_one(".rounds-error", Static)
            assert str(error.render()).startswith("round[1].")
            rounds[0].query_one(selector, Input).value = before
        await pilot.pause()
        await press(pilot, "ctrl+s")
        assert app.is_running and not isinstance(app.screen, SettingsScreen)  # saved


@pytest.mark.parametrize("kind", ["fifo", "no folder"])
async def test_a_settings_file_that_cannot_be_written_is_named_on_the_screen_not_in_a_toast(
    tmp_path, kind
):
    app = make_app(tmp_path)
    path = app.session.paths.config_file
    if kind == "fifo":
        path.parent.mkdir(parents=True)
        os.mkfifo(path)
    else:
        path.parent.parent.mkdir(parents=True, exist_ok=True)
        path.parent.write_text("a file where the folder should be\n")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "s", "ctrl+s")
        assert isinstance(app.screen, SettingsScreen)  # still here: nothing was saved
        status = str(app.screen.query_one("#settings-status", Static).render())
        assert status.startswith(f"Not saved: {path}: ")
        (toast,) = app._notifications
        assert toast.message.startswith("The settings were not saved: ")
        assert str(tmp_path) not in toast.message


async def test_escape_after_a_change_asks_before_the_edits_are_lost(tmp_path):
    from circle_tui.ui.screens.confirm import ConfirmScreen
    from circle_tui.ui.screens.home import HomeScreen

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "s", "escape")  # nothing changed: straight back
        assert isinstance(app.screen, HomeScreen)
        await press(pilot, "s")
        app.screen.query_one("#f-circle_name", Input).value = "Thursday circle"
        await press(pilot, "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "escape")  # keep editing
        assert isinstance(app.screen, SettingsScreen)
        assert app.screen.query_one("#f-circle_name", Input).value == "Thursday circle"
        await press(pilot, "escape", "enter")  # leave
        assert isinstance(app.screen, HomeScreen)
    assert not app.session.paths.config_file.exists()
    assert app.session.settings.circle_name != "Thursday circle"
