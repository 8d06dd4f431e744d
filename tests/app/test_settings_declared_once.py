"""Adding a setting is adding its declaration: a `float` setting, declared and nothing else,
is checked, written to TOML and edited on the settings screen (issue #28: a new `float` was
once checked as the rounds list, `volume = 0.7` refused as "expected 1 to 20 [[round]]
tables")."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace

import pytest
from textual.widgets import Input, Static

from circle_tui.settings import ConfigError, Settings, load_settings, schema
from circle_tui.settings.checks import settings_from_fields, settings_from_mapping
from circle_tui.settings.schema import declarations_of, setting
from circle_tui.settings.toml_file import default_config_text, settings_to_toml
from circle_tui.ui.screens.settings import SettingsScreen, field_id
from tests.support.ui_support import make_app, press


@dataclass
class WithVolume(Settings):
    """Today's settings and one more, of a type no setting has had."""

    volume: float = setting(
        0.7, "Chime volume", "How loud the chime plays, from 0 (silent) to 1.", low=0, high=1
    )


@pytest.fixture
def volume_declared(monkeypatch):
    """The schema as it would be with `volume` added to `Settings`."""
    monkeypatch.setattr(schema, "Settings", WithVolume)


def test_a_float_setting_is_checked_by_its_declared_bounds(volume_declared):
    assert settings_from_mapping({}).volume == 0.7
    assert settings_from_mapping({"volume": 0.25}).volume == 0.25
    assert settings_from_mapping({"volume": 1}).volume == 1.0  # TOML's 1 is a number too
    refused = {
        1.5: "expected a number from 0 to 1, got 1.5",
        -0.1: "expected a number from 0 to 1, got -0.1",
        "loud": "expected a number from 0 to 1",
        True: "expected a number from 0 to 1",
        float("nan"): "expected a number from 0 to 1",
    }
    for value, says in refused.items():
        with pytest.raises(ConfigError) as caught:
            settings_from_mapping({"volume": value}, "config.toml")
        assert (caught.value.key, caught.value.expected) == ("volume", says)


def test_a_float_setting_is_written_and_read_back(volume_declared):
    text = default_config_text()
    assert "# How loud the chime plays, from 0 (silent) to 1.\nvolume = 0.7\n" in text
    assert settings_from_mapping(tomllib.loads(text)) == WithVolume()
    quieter = replace(WithVolume(), volume=0.25)
    for existing in (None, ""):
        assert settings_from_mapping(tomllib.loads(settings_to_toml(quieter, existing))) == quieter
    # Into a file of one's own, with its comments and rounds: the key goes before the tables.
    ours = (
        '# ours\ncircle_name = "Tuesday"  # as on the flyer\n[[round]]\nname = "a"\nminutes = 2\n'
    )
    written = settings_to_toml(quieter, ours)
    assert "# as on the flyer" in written
    assert tomllib.loads(written)["volume"] == 0.25
    assert settings_from_mapping(tomllib.loads(written)).volume == 0.25


def test_a_float_setting_is_typed_as_the_settings_screen_holds_it(volume_declared):
    assert settings_from_fields({"volume": " 0.4 "}).volume == 0.4
    for typed in ("", "0,4", "1e-1", "½", "٠.٤", "9" * 5000):
        with pytest.raises(ConfigError) as caught:
            settings_from_fields({"volume": typed})
        assert caught.value.key == "volume"


async def test_a_float_setting_is_edited_and_saved_on_the_settings_screen(
    volume_declared, tmp_path
):
    app = make_app(tmp_path, WithVolume())
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "s")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        field = screen.query_one("#" + field_id("volume"), Input)
        assert field.value == "0.7" and field.type == "number"
        error = screen.query_one("#" + field_id("volume") + "-error", Static)
        field.value = "2"
        await pilot.pause()
        assert error.display and "expected a number from 0 to 1, got 2.0" in str(error.render())
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, SettingsScreen)  # refused, nothing written
        assert not app.session.paths.config_file.exists()
        field.value = "0"
        field.focus()
        await press(pilot, "end", "full_stop", "4")  # typed, as a facilitator would
        assert field.value == "0.4" and not error.display
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, SettingsScreen)
    assert app.session.settings.volume == 0.4
    assert load_settings(app.session.paths.config_file).volume == 0.4


def test_a_setting_whose_type_has_no_kind_is_refused_where_it_is_declared():
    @dataclass
    class WithPhase(Settings):
        phase: complex = setting(0j, "Phase", "A type no kind of setting knows.")

    with pytest.raises(TypeError, match=r"WithPhase\.phase: no kind of setting for the type"):
        declarations_of(WithPhase)


def test_every_fixed_choice_has_words_where_its_setting_gives_words():
    """A choice added to a setting is said in words on the screen, not as the bare value."""
    for d in schema.declarations():
        if d.rule.words is not None:
            assert all(d.rule.words(choice) for choice in d.rule.choices), d.key


async def test_the_settings_screen_says_each_choice_in_words_beside_the_files_value(tmp_path):
    app = make_app(tmp_path, Settings(language="es"))
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "s")
        assert isinstance(app.screen, SettingsScreen)
        options = {
            key: [
                str(prompt) for prompt, _value in app.screen.query_one("#" + field_id(key))._options
            ]
            for key in ("room_safe", "language", "qr_error_correction", "theme")
        }
    assert options["room_safe"][1:] == ["siempre oculto  on", "siempre visible  off"]
    assert options["language"][:3] == ["automático  auto", "English  en", "español  es"]
    assert options["qr_error_correction"] == ["media  M", "cuartil  Q", "alta  H"]
    assert "textual-dark" in options["theme"]  # a name of its own: no words
