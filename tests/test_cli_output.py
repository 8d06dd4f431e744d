"""What the CLI prints cannot drive a terminal, and never fails on a terminal's encoding."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from circle_tui.cli import main
from circle_tui.storage.attendance import AttendanceLog
from tests.helpers import record

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = "Tue\x1b[2J\x1b]0;owned\x07sday \u202egnp.exe\x9b"
ESCAPED = "Tue\\x1b[2J\\x1b]0;owned\\x07sday \\u202egnp.exe\\x9b"


def no_raw_controls(text):
    return not any(c in text for c in "\x1b\x07\x9b\u202e")


def test_the_attendance_table_shows_control_characters_as_codes(isolated_dirs, capsys):
    log, _ = AttendanceLog.open(isolated_dirs["data"])
    log.save(record(circle=HOSTILE))  # e.g. written before names were checked at the door
    assert main(["attendance"]) == 0
    out = capsys.readouterr().out
    assert ESCAPED in out and no_raw_controls(out)


def test_an_export_to_a_file_keeps_the_data_exact(isolated_dirs, capsys):
    log, _ = AttendanceLog.open(isolated_dirs["data"])
    log.save(record(circle="Tuesday \u202eover"))
    assert main(["attendance", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["circle"] == "Tuesday \u202eover"


def test_agreement_names_and_paths_are_escaped_in_list_show_and_errors(isolated_dirs, capsys):
    own = isolated_dirs["config"].parent / "agreements"
    own.mkdir(parents=True)
    (own / "evil\x1b[2J.md").write_text("# Title \x1b[31m red\n\n## A\n\nText.\n")
    assert main(["agreements", "list"]) == 0
    out = capsys.readouterr().out
    assert "evil\\x1b[2J" in out and "a control character (U+001B, escape)" in out
    assert no_raw_controls(out)
    assert main(["agreements", "show", "evil\x1b[2J"]) == 2
    err = capsys.readouterr().err
    assert "evil\\x1b[2J.md:1: a control character" in err and no_raw_controls(err)
    assert main(["attendance", "import", "missing\x1b[2J.csv"]) == 2
    err = capsys.readouterr().err
    assert "missing\\x1b[2J.csv: cannot be read" in err and no_raw_controls(err)


def run_ascii(argv, env_extra=None, stdin=""):
    env = {**os.environ, "PYTHONIOENCODING": "ascii", **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "circle_tui", *argv],
        capture_output=True,
        env=env,
        input=stdin.encode(),
        timeout=60,
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["--version"],
        ["config"],
        ["privacy"],
        ["attendance"],
        ["agreements", "list"],
        ["agreements", "show", "peer-integration.es"],
        ["agreements", "check", str(ROOT / "agreements" / "peer-integration.es.md")],
        ["agreements", "show", "nope"],
        ["qr"],
        ["attendance", "import", "nope.csv"],
    ],
    ids=" ".join,
)
def test_every_command_prints_ascii_substitutes_on_an_ascii_terminal(isolated_dirs, argv):
    isolated_dirs["config"].parent.mkdir(parents=True)
    isolated_dirs["config"].write_text(
        'circle_name = "Café ñ — Tuesday"\nfeedback_url = "https://forms.example.org/f?c={circle}"\n',
        encoding="utf-8",
    )
    log, _ = AttendanceLog.open(isolated_dirs["data"])
    log.save(record(circle="Café ñ — Tuesday"))
    done = run_ascii(argv)
    assert done.returncode in (0, 2)
    assert b"Traceback" not in done.stderr and b"UnicodeEncodeError" not in done.stderr
    done.stdout.decode("ascii")  # nothing but ASCII reached the terminal
    done.stderr.decode("ascii")
    if argv == ["attendance"]:
        assert b"Caf? ? - Tuesday" in done.stdout and b"1 session * 9 attendances" in done.stdout


def test_an_export_stays_utf8_on_an_ascii_terminal(isolated_dirs):
    log, _ = AttendanceLog.open(isolated_dirs["data"])
    log.save(record(circle="Café ñ — Tuesday"))
    for fmt in ("csv", "json"):
        done = run_ascii(["attendance", "--format", fmt])
        assert done.returncode == 0 and "Café ñ — Tuesday".encode() in done.stdout


def test_erase_asks_and_answers_in_ascii_too(isolated_dirs):
    log, _ = AttendanceLog.open(isolated_dirs["data"])
    log.save(record())
    done = run_ascii(["privacy", "--erase"], stdin="ERASE\n")
    assert done.returncode == 0 and b"Erased 1 file" in done.stdout
