"""Settings: defaults, TOML overrides, and a one-line exit-2 error for every bad value."""

import os

import pytest

from circle_tui.cli import main
from circle_tui.settings import Settings, load_settings, resolve_paths
from circle_tui.settings.schema import declarations
from circle_tui.settings.toml_file import MAX_CONFIG_BYTES, default_config_text


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_means_every_default(isolated_dirs):
    assert load_settings(isolated_dirs["config"]) == Settings()


def test_values_from_the_file_override_the_defaults(isolated_dirs):
    path = write(
        isolated_dirs["config"],
        'circle_name = "Tuesday circle"\nsilence_seconds = 5\n[minutes]\nsharing = 7\n',
    )
    settings = load_settings(path)
    assert settings.circle_name == "Tuesday circle"
    assert settings.silence_seconds == 5
    assert [(r.name, r.minutes) for r in settings.rounds] == [
        ("check-in", 1),
        ("sharing", 7),
        ("sharing", 7),
        ("closing", 1),
    ]
    assert settings.rounds[-1].closing


def test_paths_come_from_flags_then_env(isolated_dirs, tmp_path, monkeypatch):
    assert resolve_paths().config_file == isolated_dirs["config"]
    assert resolve_paths().data_dir == isolated_dirs["data"]
    assert resolve_paths(data_dir=str(tmp_path / "x")).data_dir == tmp_path / "x"
    monkeypatch.delenv("CIRCLE_TUI_DATA_DIR")
    assert resolve_paths().data_dir.name == "circle-tui"


def test_the_commented_default_file_loads_as_the_defaults(isolated_dirs):
    assert load_settings(write(isolated_dirs["config"], default_config_text())) == Settings()


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ("session_minutes = 'long'", "session_minutes"),  # wrong type
        ("bell = 1", "bell"),  # wrong type
        ("circle_name = 3", "circle_name"),
        ("[minutes]\nsharing = 0", "minutes.sharing"),  # zero minutes
        ("[minutes]\ncheck_in = -2", "minutes.check_in"),  # negative minutes
        ("warning_seconds = 0", "warning_seconds"),
        ("warning_seconds = 120", "warning_seconds"),  # longer than the 1-minute check-in
        ("silence_seconds = -1", "silence_seconds"),
        ("colour = 'red'", "colour"),  # unknown key
        ("[minutes]\nlunch = 3", "minutes.lunch"),
        ("rounds = ['check_in', 'dancing']", "rounds"),
        ("rounds = []", "rounds"),
        ("[[round]]\nname = 'grounding'", "round[1].minutes"),
        ("[[round]]\nname = ''\nminutes = 2", "round[1].name"),
        ("[[round]]\nname = 'a'\nminutes = 61", "round[1].minutes"),
        ("[[round]]\nname = 'a'\nminutes = 2\nlunch = 1", "round[1].lunch"),
        (
            "[[round]]\nname = 'a'\nminutes = 2\nclosing = true\n[[round]]\nname = 'b'\nminutes = 2",
            "round[1].closing",
        ),
        ("round = 3", "round"),
        ("rounds = ['sharing']\n[[round]]\nname = 'a'\nminutes = 2", "rounds"),
        ("room_names = 'everyone'", "room_names"),
        ("[[round]]\nname = 'a'\nminutes = 2\nuntimed = 'yes'", "round[1].untimed"),
        ("rotate_start = 'every-round'", "rotate_start"),
        ("qr_error_correction = 'L'", "qr_error_correction"),
        ("circle_name = = 'x'", "(syntax)"),  # malformed TOML
    ],
)
def test_each_bad_value_exits_2_with_one_line_naming_file_and_key(isolated_dirs, capsys, toml, key):
    path = write(isolated_dirs["config"], toml + "\n")
    assert main(["config"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    assert err.startswith(f"circle-tui: {path}: {key}: ")
    assert "expected" in err or "malformed" in err


def test_a_bad_config_also_stops_the_app_before_it_starts(isolated_dirs, capsys):
    write(isolated_dirs["config"], "bell = 'yes'\n")
    assert main([]) == 2
    assert "bell: expected true or false" in capsys.readouterr().err


def test_config_prints_paths_and_effective_values(isolated_dirs, capsys):
    write(isolated_dirs["config"], 'circle_name = "Thursday"\n')
    assert main(["config"]) == 0
    out = capsys.readouterr().out
    assert str(isolated_dirs["config"]) in out and str(isolated_dirs["data"]) in out
    assert 'circle_name = "Thursday"' in out and "round[2] = sharing · 5 min" in out


def test_config_init_writes_a_commented_file_and_refuses_to_overwrite(isolated_dirs, capsys):
    assert main(["config", "--init"]) == 0
    text = isolated_dirs["config"].read_text(encoding="utf-8")
    assert text.startswith("# circle-tui settings")
    assert main(["config", "--init"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert isolated_dirs["config"].read_text(encoding="utf-8") == text


# -- hostile files -----------------------------------------------------------------------------
TEXT_KEYS = [d.key for d in declarations() if d.kind.field == "text"]
DEEP = 3000


@pytest.mark.parametrize(
    ("toml", "key", "says"),
    [
        *[(f'{key} = "a\\u001bb"', key, "U+001B, escape") for key in TEXT_KEYS],
        ('circle_name = "Tues\\u202eday"', "circle_name", "text-direction control"),
        ('circle_name = "a\\u0085b"', "circle_name", "control character"),
        ('agreements = "a\\u2028b"', "agreements", "invisible line break"),
        ('[[round]]\nname = "a\\u0007"\nminutes = 2', "round[1].name", "bell"),
        ("[[round]]\nname = 'a'\nminutes = 2\nprompt = \"x\\ty\"", "round[1].prompt", "tab"),
        ("rounds = [['check_in']]", "rounds", "unknown round kind an array"),
        ("rounds = [{a = 1}]", "rounds", "unknown round kind a table"),
        ("rounds = 'sharing'", "rounds", "expected a list"),
        ("minutes = 3", "minutes", "expected a table"),
        ("round = [1, 2]", "round", "[[round]] tables"),
        ("round = [[]]", "round", "[[round]] tables"),
        ("[[round]]\nname = ['a']\nminutes = 2", "round[1].name", "expected a name"),
        ("[[round]]\nname = 'a'\nminutes = 2.5", "round[1].minutes", "whole number"),
        ("[[round]]\nname = 'a'\nminutes = 2\nprompt = {q = 1}", "round[1].prompt", "question"),
        ("session_minutes = 99999999999999999999", "session_minutes", "from 10 to 1440"),
        ("session_minutes = 1e999", "session_minutes", "whole number"),
        ("session_minutes = " + "9" * 5000, "(syntax)", "malformed TOML"),
        ("x = " + "[" * DEEP + "]" * DEEP, "(syntax)", "nested too deeply"),
        ("x = " + "{a = " * DEEP + "1" + "}" * DEEP, "(syntax)", "nested too deeply"),
        ("x" + ".x" * DEEP + " = 1", "x", "unknown key"),
        ('feedback_url = "https://[::1"', "feedback_url", ""),
        ('feedback_url = "https://[zz]/f"', "feedback_url", ""),
        ('feedback_url = "https://e.org/f?d={date:>10}"', "feedback_url", "not a placeholder"),
        ('feedback_url = "https://e.org/f?c={circle!r}"', "feedback_url", "not a placeholder"),
        ('feedback_url = "https://e.org/f?x={0}"', "feedback_url", "not a placeholder"),
        ('feedback_url = "https://e.org/f?x={name}"', "feedback_url", "unknown placeholder"),
        ('resources_url = "https://e.org/f?x={"', "resources_url", "unmatched brace"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 40 else None,
)
def test_hostile_values_exit_2_with_one_line_naming_file_and_key(
    isolated_dirs, capsys, toml, key, says
):
    path = write(isolated_dirs["config"], toml + "\n")
    assert main(["config"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err
    assert err.startswith(f"circle-tui: {path}: {key}: ")
    assert says in err


def test_a_config_file_that_is_a_fifo_is_refused_without_waiting_for_a_writer(
    isolated_dirs, capsys
):
    path = isolated_dirs["config"]
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    assert main(["config"]) == 2  # returns at once: the FIFO is never opened
    assert capsys.readouterr().err.strip() == (
        f"circle-tui: {path}: (file): a named pipe (FIFO), not a regular file; "
        "give the path of a TOML file"
    )


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_given_as_the_config_file_is_refused(capsys, device):
    assert main(["--config", device, "config"]) == 2
    assert "a device, not a regular file" in capsys.readouterr().err


def test_an_oversized_config_file_is_refused_naming_the_limit(isolated_dirs, capsys):
    write(isolated_dirs["config"], "# " + "x" * MAX_CONFIG_BYTES + "\n")
    assert main(["config"]) == 2
    assert "(file): the file is over the 1 MiB limit" in capsys.readouterr().err


def test_config_shows_the_cards_folder(isolated_dirs, capsys):
    from circle_tui.cli import main
    from circle_tui.settings import resolve_paths

    assert main(["config"]) == 0
    lines = capsys.readouterr().out.splitlines()
    cards = resolve_paths().cards_dir
    assert f"cards:        {cards}  (printable QR cards: e at closing)" in lines
