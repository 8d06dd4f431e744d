"""What the CLI prints cannot drive a terminal, and never fails on a terminal's encoding."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from circle_tui.cli import main
from circle_tui.storage.attendance import AttendanceLog
from tests.support.helpers import old_log, record

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "Tue\x1b[2J\x1b]0;owned\x07sday \u202egnp.exe\x9b"
ESCAPED = "Tue\\x1b[2J\\x1b]0;owned\\x07sday \\u202egnp.exe\\x9b"


def no_raw_controls(text):
    return not any(c in text for c in "\x1b\x07\x9b\u202e")


@pytest.mark.parametrize("how", [[], ["--format", "csv"], ["--format", "json"]])
def test_a_name_with_control_characters_from_an_older_version_reads_as_codes_everywhere(
    isolated_dirs, capsys, how
):
    raw = old_log(isolated_dirs["data"], HOSTILE, "Tuesday circle")
    assert main(["attendance", *how]) == 0
    out = capsys.readouterr().out
    assert no_raw_controls(out)
    if how == ["--format", "json"]:
        assert [s["circle"] for s in json.loads(out)] == [ESCAPED, "Tuesday circle"]
    else:
        assert ESCAPED in out
    assert (isolated_dirs["data"] / "attendance.json").read_bytes() == raw  # only read


def test_the_next_start_keeps_the_file_as_it_was_and_writes_the_names_as_codes(isolated_dirs):
    raw = old_log(isolated_dirs["data"], HOSTILE, "Tuesday circle")
    log, aside = AttendanceLog.open(isolated_dirs["data"])
    assert aside is not None and aside.names_shown == 1
    assert (
        aside.moved_to.read_bytes() == raw and stat.S_IMODE(aside.moved_to.stat().st_mode) == 0o600
    )
    assert "1 circle name in the attendance file held control characters" in aside.message()
    assert [r.circle for r in log.records()] == [ESCAPED, "Tuesday circle"]
    assert [r.circle for r in AttendanceLog.read_only(isolated_dirs["data"]).records()] == [
        ESCAPED,
        "Tuesday circle",
    ]
    assert AttendanceLog.open(isolated_dirs["data"])[1] is None  # once is enough


def test_other_damage_beside_such_a_name_sets_the_file_aside_whole(isolated_dirs, capsys):
    old_log(isolated_dirs["data"], HOSTILE, "")  # an empty name is damage of another kind
    assert main(["attendance"]) == 2
    assert "circle: a control character (U+001B, escape)" in capsys.readouterr().err
    log, aside = AttendanceLog.open(isolated_dirs["data"])
    assert aside is not None and aside.names_shown == 0 and log.records() == []


def test_an_export_to_a_file_keeps_the_data_exact(isolated_dirs, capsys):
    log, _ = AttendanceLog.open(isolated_dirs["data"])
    log.save(record(circle="Tuesday ✨ über"))
    assert main(["attendance", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["circle"] == "Tuesday ✨ über"


def test_a_record_never_holds_a_control_character():
    from circle_tui.core.record import RecordError

    for bad in ("Tue\x1bsday", "Tue\u202esday", "Tue\nsday", "Tue\x9bsday"):
        with pytest.raises(RecordError, match="circle: a"):
            record(circle=bad)


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
