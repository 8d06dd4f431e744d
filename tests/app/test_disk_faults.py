"""A count is never lost to a disk: full, read-only or gone at any moment, the counts end on
disk after "save to another folder", or are printed when the app closes; never silently lost.

The real faults need root (a tiny tmpfs, a read-only remount: root ignores permissions), as CI
has; without it, a read-only folder is made with chmod and the tmpfs tests are skipped."""

from __future__ import annotations

import errno
import json
import os
import signal
from pathlib import Path

import pytest

from circle_tui.cli import main
from circle_tui.cli.output import print_last_resort
from circle_tui.session import SaveFailed, opened
from circle_tui.storage.atomic import leftover_temp_files
from circle_tui.storage.attendance import AttendanceLog
from circle_tui.storage.lock import AlreadyRunning, WriterLock
from circle_tui.ui.screens.arrivals import ArrivalsScreen
from circle_tui.ui.screens.confirm import ConfirmScreen, NoticeScreen
from circle_tui.ui.screens.end import EndScreen
from circle_tui.ui.screens.folder import FolderNames, FolderScreen
from circle_tui.ui.screens.home import HomeScreen
from tests.support import state
from tests.support.disks import ROOT, fill, own_disk, read_only, tmpfs
from tests.support.helpers import record
from tests.support.scenario import scripted_app, scripted_paths
from tests.support.ui_support import Facilitator, screen_text


# -- a circle, by keys -------------------------------------------------------------------------
def shows(app, *texts: str) -> None:
    """Each text is on the screen; where it wraps (a long path does) does not matter."""
    on_screen = screen_text(app)
    flat = "".join(on_screen.split()).replace("│", "")  # nor a dialog's border
    for text in texts:
        assert "".join(text.split()) in flat, (
            f"{text!r} not on {type(app.screen).__name__}:\n{on_screen}"
        )


async def to_the_end(f: Facilitator) -> None:
    """From arrivals, through every phase, to the end screen (planned rounds skipped): built
    up to the closing screen, whose enter is pressed."""

    def build(session) -> None:
        state.read_agreements(session.circle)
        state.in_closing_round(session)
        session.to_closing()

    await state.shown(f.pilot, build)
    await f.press("enter")
    assert isinstance(f.app.screen, EndScreen)


async def save_to(f: Facilitator, folder: Path) -> None:
    await f.press("f")
    assert isinstance(f.app.screen, FolderScreen)
    f.app.screen.query_one("#folder").value = str(folder)
    await f.press("enter")


def draft_toasts(app) -> list[str]:
    return [n.message for n in app._notifications if "draft" in n.message]


def refuse_writes(monkeypatch: pytest.MonkeyPatch, log: AttendanceLog, code: int) -> None:
    """Every write to the log fails as a disk would, without a disk to break."""

    def refuse(*args: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(log._storage, "write", refuse)


def import_into(data_dir: Path, path: Path) -> list:
    assert main(["--data-dir", str(data_dir), "attendance", "import", str(path)]) == 0
    return AttendanceLog.read_only(data_dir).records()


async def test_a_disk_that_fills_during_a_circle_loses_no_count(tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    with tmpfs(tmp_path / "disk") as disk:
        paths = scripted_paths(disk)
        with opened(paths) as (log, notices):
            assert notices == []
            app = scripted_app(disk, opened=(log, notices))
            async with app.run_test(size=(80, 24), notifications=True) as pilot:
                f = Facilitator(pilot)
                await f.press("enter", "plus", "plus", "n")
                await f.settle()
                (draft,) = AttendanceLog.read_only(paths.data_dir).records()
                assert draft.present == 3
                filler = fill(disk)
                await f.press("plus", "plus", "n")  # three failed drafts, one toast
                await f.settle()
                assert app.session.draft_problem == "No space left on device"
                (toast,) = draft_toasts(app)
                assert "No space left on device" in toast and str(disk) not in toast
                assert "another folder" in toast  # what to do
                app.clear_notifications()

                await to_the_end(f)
                await f.press("enter")  # save: the disk is full
                assert isinstance(app.screen, EndScreen)
                shows(
                    app,
                    f"Not saved: {paths.attendance_file} — No space left on device.",
                    "6 present",
                    "2 first-timers",
                    "The last draft (3 present, 1 new, unfinished) is still in the attendance log",
                    "enter try again",
                    "f save to another folder",
                )
                assert AttendanceLog.read_only(paths.data_dir).records() == [draft]
                assert leftover_temp_files(paths.attendance_file) == []

                await save_to(f, stick)
                assert isinstance(app.screen, NoticeScreen)
                (saved,) = stick.glob("circle-tui-attendance-*.json")
                notice = app.screen
                assert notice.title_text == "Saved to another folder"
                assert f"\n{saved}\n6 present, 2 new" in notice.message
                assert f"circle-tui attendance import {saved}" in notice.message
                await f.press("enter")
                assert isinstance(app.screen, HomeScreen) and app.session.circle is None
            assert app.unsaved is None
        assert leftover_temp_files(paths.attendance_file) == []
        assert oct(saved.stat().st_mode & 0o777) == "0o600"
        filler.unlink()  # space again: the export finishes tonight's draft in the log
        (final,) = import_into(paths.data_dir, saved)
        assert (final.id, final.present, final.newcomers, final.status) == (
            draft.id,
            6,
            2,
            "complete",
        )


async def test_a_read_only_data_dir_still_runs_the_circle_and_its_counts_reach_another_folder(
    tmp_path,
):
    paths = scripted_paths(tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    with own_disk(paths.data_dir):
        log, _ = AttendanceLog.open(paths.data_dir)
        log.save(record(circle="Tuesday circle"))
        log.close()
        before = sorted((p.name, p.read_bytes()) for p in paths.data_dir.iterdir())
        with read_only(paths.data_dir), opened(paths) as (log, notices):
            (notice,) = notices
            reason = "Read-only file system" if ROOT else "Permission denied"
            assert notice.title == "The data folder cannot be written"
            assert f"{paths.data_dir} cannot be written ({reason})" in notice.text
            assert len(log) == 1  # what is there can still be reviewed
            app = scripted_app(tmp_path, opened=(log, notices))
            async with app.run_test(size=(80, 24), notifications=True) as pilot:
                f = Facilitator(pilot)
                await pilot.pause()
                assert isinstance(app.screen, NoticeScreen)
                assert app.screen.title_text == "The data folder cannot be written"
                await f.press("enter", "enter", "plus", "n", "plus")
                await f.settle()
                (toast,) = draft_toasts(app)
                assert reason in toast and str(tmp_path) not in toast
                app.clear_notifications()
                await to_the_end(f)
                await f.press("enter")
                shows(app, f"Not saved: {paths.attendance_file} — {reason}.")
                await f.press("enter")  # try again: still read-only, still here
                assert isinstance(app.screen, EndScreen)
                await save_to(f, stick)
                assert app.screen.title_text == "Saved to another folder"
            assert sorted((p.name, p.read_bytes()) for p in paths.data_dir.iterdir()) == before
        (saved,) = stick.glob("*.json")
        records = import_into(paths.data_dir, saved)
        assert [(r.present, r.newcomers, r.status) for r in records] == [
            (9, 3, "complete"),
            (3, 1, "complete"),
        ]


async def test_saving_to_a_folder_that_fails_too_says_so_and_keeps_everything(
    tmp_path, monkeypatch
):
    app = scripted_app(tmp_path)
    refuse_writes(monkeypatch, app.session.attendance, errno.EROFS)
    async with app.run_test(size=(80, 24)) as pilot:
        f = Facilitator(pilot)
        await f.press("enter", "plus", "plus")
        await to_the_end(f)
        await f.press("enter")
        await f.press("f")
        app.screen.query_one("#folder").value = str(tmp_path / "nowhere")
        await f.press("enter")
        assert isinstance(app.screen, FolderScreen)  # only an existing folder is taken
        shows(app, f"{tmp_path / 'nowhere'} is not an existing folder.")
        await f.press("escape")
        not_a_folder = tmp_path / "a-file"
        not_a_folder.write_text("")
        monkeypatch.setattr(Path, "is_dir", lambda self: True)  # it was a folder when typed
        await save_to(f, not_a_folder)
        monkeypatch.undo()
        assert isinstance(app.screen, EndScreen) and app.session.circle is not None
        shows(app, f"Not saved: {not_a_folder} — Not a directory.", "2 present")


async def test_quitting_after_a_failed_save_prints_the_counts_and_never_a_name(
    tmp_path, monkeypatch, capsys
):
    app = scripted_app(tmp_path)
    refuse_writes(monkeypatch, app.session.attendance, errno.ENOSPC)
    async with app.run_test(size=(80, 24)) as pilot:
        f = Facilitator(pilot)
        await f.press("enter", "t")
        app.screen.query_one("#name").value = "Zephyrine"
        await f.press("enter", "plus", "n")
        await to_the_end(f)
        await f.press("enter", "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        shows(app, "Quit without saving the counts?", "No space left on device", "printed")
        await f.press("enter")
    assert app.unsaved is not None and app.unsaved.record.present == 3
    assert [p.name for p in app.session.circle.participants] == [None, None, None]
    print_last_resort(app.unsaved)
    printed = capsys.readouterr().err
    assert "Zephyrine" not in printed
    assert (
        "Tuesday circle, 2026-11-27, 19:00: 3 present, 1 first-timer" in printed
    )  # not "1 first-timers"
    counts = tmp_path / "counts.json"
    counts.write_text(printed[printed.index("[") :], encoding="utf-8")
    (imported,) = import_into(tmp_path / "elsewhere", counts)
    assert (imported.present, imported.newcomers) == (3, 1)


async def test_a_crash_with_an_unwritable_disk_prints_the_counts_after_the_report(
    tmp_path, monkeypatch, capsys
):
    app = scripted_app(tmp_path)
    refuse_writes(monkeypatch, app.session.attendance, errno.EIO)

    def broken(self) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(ArrivalsScreen, "action_undo", broken)
    with pytest.raises(RuntimeError, match="a bug"):
        async with app.run_test(size=(80, 24)) as pilot:
            await Facilitator(pilot).press("enter", "plus", "plus", "minus")
    assert app.unsaved is not None and app.unsaved.record.present == 2
    report = " ".join(capsys.readouterr().err.split())
    assert "The attendance counts could not be saved; they are printed below." in report


async def test_confirming_an_old_draft_or_correcting_a_session_on_a_full_disk_changes_nothing(
    tmp_path, monkeypatch
):
    log, _ = AttendanceLog.open(tmp_path / "data")
    old, draft = record(day="2026-11-20"), record(status="in_progress", present=4, newcomers=1)
    log.save(old)
    log.save(draft)
    before = (tmp_path / "data" / "attendance.json").read_bytes()
    app = scripted_app(tmp_path)
    refuse_writes(monkeypatch, app.session.attendance, errno.ENOSPC)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        f = Facilitator(pilot)
        await pilot.pause()
        await f.press("enter")  # confirm the old draft's counts: the disk says no
        assert type(app.screen).__name__ == "DraftScreen"  # still asked, nothing lost
        assert "Not saved (No space left on device)" in list(app._notifications)[-1].message
        await f.press("escape", "a")
        await f.settle()
        await f.press("down", "e")  # correct the older session's counts: refused too
        app.screen.query_one("#count-present").value = "12"
        await f.press("enter")
        await f.settle()
        assert "Not changed (No space left on device)" in list(app._notifications)[-1].message
        assert app.session.attendance.get(old.id) == old
    assert (tmp_path / "data" / "attendance.json").read_bytes() == before


async def test_the_system_stopping_the_app_saves_the_counts_and_forgets_the_names(tmp_path):
    """SIGTERM, as at a shutdown (SIGHUP, the terminal closing: tests/e2e/test_e2e_tmux.py)."""
    app = scripted_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        f = Facilitator(pilot)
        await f.press("enter", "t")
        app.screen.query_one("#name").value = "Zephyrine"
        await f.press("enter", "plus")
        circle = app.session.circle
        assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL  # else the test would die
        os.kill(os.getpid(), signal.SIGTERM)
        await pilot.pause()
        await pilot.pause()
    assert app.return_code == 1 and app.unsaved is None
    assert [p.name for p in circle.participants] == [None, None]
    (saved,) = AttendanceLog.read_only(app.session.paths.data_dir).records()
    assert (saved.present, saved.status) == (2, "in_progress")


# -- the data dir's lock when the dir cannot be written ------------------------------------------
@pytest.mark.parametrize("kind", ["read-only", "gone"])
def test_an_unwritable_data_dir_is_said_at_start_and_nothing_is_written_there(tmp_path, kind):
    paths = scripted_paths(tmp_path / "root")
    # Gone: no data dir, and its parent will not let one be made.
    top = paths.data_dir if kind == "read-only" else paths.data_dir.parent
    with own_disk(top):
        with read_only(top), opened(paths) as (log, notices):
            (notice,) = notices
            assert notice.title == "The data folder cannot be written"
            assert notice.text.startswith(f"{paths.data_dir} cannot be written (")
            with pytest.raises(OSError):
                log.save(record())
        assert not paths.data_dir.exists() or list(paths.data_dir.iterdir()) == []
        with opened(paths) as (log, notices):  # writable again: a normal start
            assert notices == []
            log.save(record())


def test_a_late_first_write_takes_the_lock_so_two_consoles_never_write_one_log(tmp_path):
    data = tmp_path / "data"
    with own_disk(data):
        with read_only(data):
            log, unreadable = AttendanceLog.open_later(data, WriterLock(data))
            assert unreadable is None and len(log) == 0
            with pytest.raises(OSError):
                log.save(record())
        other = WriterLock(data)
        other.acquire()  # a second console, started once the folder could be written
        with pytest.raises(OSError, match="another circle-tui is using this data folder"):
            log.save(record())
        other.release()
        log.save(record())  # now this one is the writer
        with pytest.raises(AlreadyRunning):
            WriterLock(data).acquire()
        log.close()
        assert len(AttendanceLog.read_only(data)) == 1


def test_a_full_disk_is_said_at_start_and_the_lock_is_held_all_the_same(tmp_path):
    with tmpfs(tmp_path / "disk", size="64k") as disk:
        paths = scripted_paths(disk)
        paths.data_dir.mkdir()
        (paths.data_dir / "circle-tui.lock").touch(mode=0o600)
        fill(disk)
        with opened(paths) as (log, notices):
            (notice,) = notices
            assert notice.title == "The data folder's disk is full"
            assert "Free some space before the circle" in notice.text
            with pytest.raises(AlreadyRunning):
                WriterLock(paths.data_dir).acquire()


def test_the_last_resort_is_counts_only_and_imports_as_it_was(tmp_path):
    saved = record(circle='Círculo [b] "martes"', present=7, newcomers=2)
    text = SaveFailed(tmp_path / "attendance.json", "No space left on device", saved).last_resort()
    assert f"{tmp_path / 'attendance.json'}: No space left on device" in text
    assert 'Círculo [b] "martes", 2026-11-24, 19:02–21:04: 7 present, 2 first-timers' in text
    exported = text[text.index("\n[") + 1 :]
    assert exported.isascii()  # whatever the terminal, it shows exactly what imports
    assert json.loads(exported) == [saved.to_dict()]


async def test_the_folder_dialog_completes_a_folder_name_and_nothing_else(tmp_path):
    (tmp_path / "stick-one").mkdir()
    (tmp_path / "stick.txt").write_text("")
    names = FolderNames()
    assert await names.get_suggestion(str(tmp_path / "st")) == f"{tmp_path / 'stick-one'}/"
    assert await names.get_suggestion(str(tmp_path / "stick.")) is None
    assert await names.get_suggestion(f"{tmp_path}/") == f"{tmp_path / 'stick-one'}/"
