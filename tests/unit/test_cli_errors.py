"""The CLI never shows a traceback: a disk that is full, read-only or missing, a name too long,
a `~user` that names nobody, a closed pipe — each is one line and an exit status, and nothing
is changed. `config --init` writes as every write does: atomically, 0600, never through a link.

The real faults need root (a tiny tmpfs, a read-only remount), as CI has; without it the
read-only folder is made with chmod and the full disk is skipped with the reason."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from circle_tui.storage.atomic import leftover_temp_files
from circle_tui.storage.attendance import FILE_NAME, AttendanceLog
from tests.support.disks import fill, own_disk, read_only, tmpfs
from tests.support.helpers import record, run_cli

ADD = [
    "attendance",
    "add",
    "--circle",
    "Tuesday circle",
    "--date",
    "2026-11-17",
]  # a week before the logged night
ADD += ["--started", "19:00", "--present", "9", "--newcomers", "3"]


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("circle-tui: "), err
    assert "Traceback" not in err
    return err


def a_log(data_dir: Path, day: str = "2026-11-24") -> bytes:
    log, _ = AttendanceLog.open(data_dir)
    log.save(record(day))
    log.close()
    return (data_dir / FILE_NAME).read_bytes()


def an_export(tmp_path: Path) -> Path:
    other = tmp_path / "other"
    a_log(other, day="2026-11-10")  # another night: the import has something to write
    export = tmp_path / "export.json"
    export.write_text(
        subprocess.run(
            [sys.executable, "-m", "circle_tui", "--data-dir", str(other), "attendance"]
            + ["--format", "json"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    return export


# -- disks that refuse ---------------------------------------------------------------------------
def test_add_and_import_on_a_full_disk_say_so_in_one_line_and_change_nothing(tmp_path, capsys):
    export = an_export(tmp_path)
    with tmpfs(tmp_path / "disk", size="256k") as disk:
        data = disk / "data"
        before = a_log(data)
        filler = fill(disk)
        for argv in (ADD, ["attendance", "import", str(export)]):
            code, out, err = run_cli(capsys, "--data-dir", str(data), *argv)
            assert code == 1, (argv, out, err)
            line = one_line(err)
            assert str(data) in line and "the disk is full" in line, line
            assert (data / FILE_NAME).read_bytes() == before
            assert leftover_temp_files(data / FILE_NAME) == []
        filler.unlink()
        code, _, _ = run_cli(capsys, "--data-dir", str(data), *ADD)
        assert code == 0  # space freed: the same command works


def test_add_and_import_on_a_read_only_disk_say_so_in_one_line_and_change_nothing(tmp_path, capsys):
    export = an_export(tmp_path)
    with own_disk(tmp_path / "disk") as disk:
        data = disk / "data"
        before = a_log(data)
        with read_only(data if os.geteuid() else disk):
            for argv in (ADD, ["attendance", "import", str(export)]):
                code, out, err = run_cli(capsys, "--data-dir", str(data), *argv)
                assert code == 1, (argv, out, err)
                line = one_line(err)
                assert str(data) in line, line
                assert "read-only" in line or "permission denied" in line, line
            assert (data / FILE_NAME).read_bytes() == before
            assert sorted(p.name for p in data.iterdir()) == sorted(
                p.name for p in data.iterdir() if not p.name.endswith(".tmp")
            )


@pytest.mark.parametrize("where", ["missing folder", "name too long", "read-only folder"])
def test_a_report_that_cannot_be_written_is_one_line_naming_the_file(tmp_path, capsys, where):
    data = tmp_path / "data"
    a_log(data)
    with own_disk(tmp_path / "out") as out:
        target = {
            "missing folder": out / "no" / "such" / "report.html",
            "name too long": out / ("x" * 300 + ".html"),
            "read-only folder": out / "report.html",
        }[where]
        if where == "read-only folder":
            with read_only(out):
                code, _, err = run_cli(
                    capsys, "--data-dir", str(data), "attendance", "report", str(target)
                )
        else:
            code, _, err = run_cli(
                capsys, "--data-dir", str(data), "attendance", "report", str(target)
            )
        assert code == 1
        line = one_line(err)
        assert str(target) in line, line
        assert os.listdir(out) == []  # nothing written, no folder made


def test_a_card_that_cannot_be_written_is_one_line_naming_the_file(tmp_path, capsys, isolated_dirs):
    isolated_dirs["config"].parent.mkdir(parents=True)
    isolated_dirs["config"].write_text('feedback_url = "https://forms.example.org/f"\n')
    target = tmp_path / ("x" * 300 + ".png")
    code, _, err = run_cli(capsys, "qr", "--png", str(target))
    assert code == 1 and "the name is too long" in one_line(err)


# -- ~user that names nobody -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("flag", "variable"),
    [
        ("--data-dir", None),
        ("--config", None),
        (None, "CIRCLE_TUI_DATA_DIR"),
        (None, "CIRCLE_TUI_CONFIG"),
    ],
)
@pytest.mark.parametrize("command", [["attendance"], ["--help"], []])
def test_a_home_of_nobody_is_a_usage_error_naming_the_option(
    capsys, monkeypatch, flag, variable, command
):
    value = "~nosuchuser-circle/somewhere"
    if variable:
        monkeypatch.setenv(variable, value)
        argv = command
    else:
        argv = [flag, value, *command]
    code, out, err = run_cli(capsys, *argv)
    assert code == 2 and out == ""
    line = one_line(err)
    assert line.startswith(f"circle-tui: {flag or variable}: ")
    assert "~nosuchuser-circle" in line and "full path" in line


def test_a_home_that_exists_is_expanded(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    code, out, _ = run_cli(capsys, "--data-dir", "~/circles", "config")
    assert code == 0 and str(tmp_path / "circles") in out


# -- closed pipes ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "argv",
    [
        ["config"],
        ["attendance", "--format", "csv"],
        ["attendance", "--format", "json"],
        ["privacy"],
    ],
)
def test_a_reader_that_goes_away_ends_the_command_quietly(argv, isolated_dirs):
    a_log(isolated_dirs["data"])
    read, write = os.pipe()
    os.close(read)  # as `| head -1` once it has its line
    try:
        done = subprocess.run(
            [sys.executable, "-m", "circle_tui", *argv], stdout=write, stderr=subprocess.PIPE
        )
    finally:
        os.close(write)
    assert done.stderr == b"" and done.returncode == 1


# -- config --init -----------------------------------------------------------------------------------
def test_config_init_writes_a_private_file_atomically(tmp_path, capsys):
    path = tmp_path / "settings" / "config.toml"
    code, out, _ = run_cli(capsys, "--config", str(path), "config", "--init")
    assert code == 0 and out == f"wrote {path}\n"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    assert sorted(p.name for p in path.parent.iterdir()) == ["config.toml"]
    code, _, err = run_cli(capsys, "--config", str(path), "config", "--init")
    assert code == 2 and "already exists" in one_line(err)


@pytest.mark.parametrize("dangling", [True, False])
def test_config_init_never_writes_through_a_symbolic_link(tmp_path, capsys, dangling):
    target = tmp_path / "elsewhere.toml"
    if not dangling:
        target.write_text("# mine\n")
    link = tmp_path / "config.toml"
    link.symlink_to(target)
    code, _, err = run_cli(capsys, "--config", str(link), "config", "--init")
    assert code == 2 and "symbolic link" in one_line(err)
    assert link.is_symlink()
    assert (not target.exists()) if dangling else target.read_text() == "# mine\n"


def test_config_init_into_a_read_only_folder_is_one_line(tmp_path, capsys):
    with own_disk(tmp_path / "disk") as disk, read_only(disk):
        code, _, err = run_cli(capsys, "--config", str(disk / "config.toml"), "config", "--init")
    assert code == 1 and str(disk / "config.toml") in one_line(err)
    assert not (disk / "config.toml").exists()
