"""The attendance log: atomic, private, one writer, damaged files set aside, never overwritten."""

import json
import multiprocessing
import os
import random
import signal
import stat
import subprocess
import sys
import time

import pytest

from circle_tui.core.record import AttendanceRecord
from circle_tui.storage.atomic import DamagedFile, ensure_private_dir, write_text_atomic
from circle_tui.storage.attendance import FILE_NAME, AttendanceLog
from circle_tui.storage.lock import LOCK_NAME, AlreadyRunning, LockRefused, WriterLock
from tests.support.helpers import record


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_records_survive_a_reopen_and_are_sorted(tmp_path):
    log, aside = AttendanceLog.open(tmp_path / "data")
    assert aside is None
    later, earlier = record("2026-11-24"), record("2026-10-01")
    log.save(later)
    log.save(earlier)
    again = AttendanceLog.read_only(tmp_path / "data")
    assert again.records() == [earlier, later]


def test_file_is_0600_also_after_a_rewrite_and_the_dir_the_app_creates_is_0700(tmp_path):
    data = tmp_path / "data"
    log, _ = AttendanceLog.open(data)
    first = record()
    log.save(first)
    assert mode(data / FILE_NAME) == 0o600 and mode(data) == 0o700
    os.chmod(data / FILE_NAME, 0o644)
    log, _ = AttendanceLog.open(data)
    log.save(AttendanceRecord.from_dict({**first.to_dict(), "present": 10}))
    assert mode(data / FILE_NAME) == 0o600


def test_a_created_dir_is_0700_whatever_the_umask(tmp_path):
    old = os.umask(0o000)
    try:
        ensure_private_dir(tmp_path / "loose" / "data")
    finally:
        os.umask(old)
    assert mode(tmp_path / "loose" / "data") == 0o700


@pytest.mark.parametrize("dir_mode", [0o755, 0o750, 0o711])
def test_a_directory_that_already_exists_keeps_its_mode(tmp_path, dir_mode):
    home = tmp_path / "home"  # e.g. `--config ~/circle.toml`, or a shared data folder
    home.mkdir()
    os.chmod(home, dir_mode)
    write_text_atomic(home / "circle.toml", 'circle_name = "Tuesday"\n')
    with WriterLock(home):
        log, _ = AttendanceLog.open(home)
        log.save(record())
    assert mode(home) == dir_mode
    assert mode(home / "circle.toml") == 0o600 and mode(home / FILE_NAME) == 0o600


def test_no_temp_files_are_left_behind(tmp_path):
    log, _ = AttendanceLog.open(tmp_path)
    for _ in range(5):
        log.save(record())
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME]


def test_a_record_that_breaks_the_schema_is_refused_before_the_file_is_touched(tmp_path):
    log, _ = AttendanceLog.open(tmp_path)
    log.save(record())
    before = (tmp_path / FILE_NAME).read_bytes()
    with pytest.raises(ValueError, match="newcomers"):
        log.save(record(present=2, newcomers=5))
    assert (tmp_path / FILE_NAME).read_bytes() == before


TWIN = record(id="2f1c9a4e-1b2c-4d3e-8f4a-5b6c7d8e9f00").to_dict()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"sessions": {"1": {"id": "x", "circ', "not valid JSON"),  # truncated
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8"),  # not JSON at all
        (b"circle,present\nTuesday,9\n", "not valid JSON"),
        (
            json.dumps({"sessions": {"1": {**record().to_dict(), "present": "nine"}}}).encode(),
            "present",
        ),
        (
            json.dumps({"sessions": {"1": {**record().to_dict(), "names": ["Robin"]}}}).encode(),
            "names",
        ),
        (json.dumps([1, 2]).encode(), "expected an object"),
        (  # a hand-merged file: one session would hide the other
            json.dumps({"sessions": {"1": TWIN, "2": {**TWIN, "present": 12}}}).encode(),
            "the id is used by 2 records",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else "file",  # the reason names the case
)
def test_a_damaged_file_is_set_aside_unchanged_and_reported(tmp_path, content, reason):
    path = tmp_path / FILE_NAME
    path.write_bytes(content)
    with pytest.raises(DamagedFile, match=reason):
        AttendanceLog.read_only(tmp_path)
    assert path.read_bytes() == content  # read-only access never moves it

    log, aside = AttendanceLog.open(tmp_path)
    assert aside is not None and reason in aside.reason
    assert (
        aside.moved_to.name.startswith("attendance.corrupt-") and aside.moved_to.suffix == ".json"
    )
    assert aside.moved_to.read_bytes() == content
    assert str(aside.moved_to) in aside.message() and "nothing was overwritten" in aside.message()
    assert not path.exists() and len(log) == 0
    log.save(record())  # the new log starts beside the set-aside file
    assert aside.moved_to.read_bytes() == content


def test_an_unknown_field_names_the_record(tmp_path):
    bad = {**record().to_dict(), "notes": "something said"}
    (tmp_path / FILE_NAME).write_text(json.dumps({"sessions": {"1": bad}}))
    with pytest.raises(DamagedFile, match=f"record {bad['id']}: notes: unknown field"):
        AttendanceLog.read_only(tmp_path)


def test_merge_adds_new_ids_once(tmp_path):
    log, _ = AttendanceLog.open(tmp_path)
    a, b = record(), record()
    log.save(a)
    assert log.merge([a, b, b]) == (1, 2)
    assert log.merge([a, b]) == (0, 2)
    assert {r.id for r in AttendanceLog.read_only(tmp_path).records()} == {a.id, b.id}


def test_an_import_finishes_an_unfinished_draft_of_the_same_session_and_nothing_else(tmp_path):
    log, _ = AttendanceLog.open(tmp_path)
    draft, done = record(status="in_progress", present=3, newcomers=1), record()
    log.save(draft)
    log.save(done)
    finished = draft._replace(present=6, status="complete")
    assert log.merge([finished, done._replace(present=10), draft._replace(present=4)]) == (1, 2)
    assert AttendanceLog.read_only(tmp_path).records() == sorted(
        [finished, done], key=lambda r: (r.date, r.started, r.id)
    )
    assert log.merge([finished._replace(present=7)]) == (0, 1)  # finished: never replaced


# -- one writer ------------------------------------------------------------------------------
def test_the_lock_is_exclusive_and_names_the_holder(tmp_path):
    with WriterLock(tmp_path), pytest.raises(AlreadyRunning, match=f"process {os.getpid()}"):
        WriterLock(tmp_path).acquire()
    with WriterLock(tmp_path):
        pass  # released: free again


def test_a_second_app_on_the_same_data_dir_gets_the_message_and_exit_2(tmp_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from circle_tui.storage.lock import WriterLock;"
            f"l = WriterLock(Path({str(tmp_path)!r})); l.acquire(); print('held', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        env = {**os.environ, "CIRCLE_TUI_DATA_DIR": str(tmp_path)}
        import pty  # POSIX, as the lock's holder here

        terminal, its_side = pty.openpty()  # the app needs a terminal before it asks the lock
        try:
            second = subprocess.run(
                [sys.executable, "-m", "circle_tui"],
                env=env,
                stdin=its_side,
                stdout=its_side,
                stderr=subprocess.PIPE,
                text=True,
                timeout=30,
            )
        finally:
            os.close(its_side)
            os.close(terminal)
        assert second.returncode == 2
        assert f"already running (process {holder.pid})" in second.stderr
        assert "Read-only commands" in second.stderr
        listing = subprocess.run(
            [sys.executable, "-m", "circle_tui", "attendance"],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert listing.returncode == 0, listing.stderr
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_holder_leaves_no_stale_lock(tmp_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from pathlib import Path; from circle_tui.storage.lock import WriterLock;"
            f"WriterLock(Path({str(tmp_path)!r})).acquire(); print('held', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with WriterLock(tmp_path):
        pass


# -- crash safety ------------------------------------------------------------------------------
def _writer(data_dir, conn, seed):
    log, _ = AttendanceLog.open(data_dir)
    rng = random.Random(seed)
    conn.send("ready")
    while True:
        r = record(present=rng.randint(1, 30), newcomers=0)
        log.save(r)
        conn.send(r.id)  # sent only after save() returned


def test_sigkill_at_random_points_never_loses_a_returned_write(tmp_path):
    # Not "fork": forking a test worker, which runs threads, may deadlock (Python 3.12+ warns).
    # A fork server started once, with the log's modules loaded, forks each writer as cheaply.
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["circle_tui.storage.attendance", "tests.support.helpers"])
    rng = random.Random(2026)
    data = tmp_path / "data"
    confirmed: set[str] = set()
    for round_no in range(80):
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_writer, args=(data, child, round_no))
        proc.start()
        assert parent.recv() == "ready"
        confirmed.add(parent.recv())  # writes are under way: the kill lands among them
        time.sleep(rng.uniform(0, 0.02))
        os.kill(proc.pid, signal.SIGKILL)
        proc.join()
        while parent.poll():
            try:
                confirmed.add(parent.recv())
            except (EOFError, OSError):  # killed mid-message: that write is not confirmed
                break
        log = AttendanceLog.read_only(data)  # loads: never half-written
        assert confirmed <= {r.id for r in log.records()}
    assert len(confirmed) >= 80  # each kill landed after at least one real write


# -- what is planted in the data dir is never followed -----------------------------------------
def test_a_symlink_planted_at_the_lock_path_is_refused_and_its_target_untouched(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("someone's file\n")
    data = tmp_path / "data"
    data.mkdir()
    (data / LOCK_NAME).symlink_to(victim)
    with pytest.raises(LockRefused, match="a symbolic link, not circle-tui's lock file"):
        WriterLock(data).acquire()
    assert victim.read_text() == "someone's file\n"
    (data / LOCK_NAME).unlink()
    (data / LOCK_NAME).symlink_to(tmp_path / "not-there-yet")  # a dangling link: not created
    with pytest.raises(LockRefused):
        WriterLock(data).acquire()
    assert not (tmp_path / "not-there-yet").exists()


@pytest.mark.parametrize("planted", ["hard link", "fifo"])
def test_a_hard_link_or_fifo_at_the_lock_path_is_refused_without_writing_or_hanging(
    tmp_path, planted
):
    victim = tmp_path / "victim.txt"
    victim.write_text("someone's file\n")
    data = tmp_path / "data"
    data.mkdir()
    if planted == "hard link":
        os.link(victim, data / LOCK_NAME)
    else:
        os.mkfifo(data / LOCK_NAME)
    with pytest.raises(LockRefused, match="not circle-tui's lock file"):
        WriterLock(data).acquire()
    assert victim.read_text() == "someone's file\n"


def test_a_symlink_planted_at_the_temp_path_is_never_followed(tmp_path, monkeypatch):
    import tempfile

    victim = tmp_path / "victim.txt"
    victim.write_text("someone's file\n")
    data = tmp_path / "data"
    data.mkdir()
    # mkstemp's next names: the first is where the link was planted, so it must move on.
    monkeypatch.setattr(tempfile, "_get_candidate_names", lambda: iter(["planted", "fresh"]))
    (data / f".{FILE_NAME}.planted.tmp").symlink_to(victim)
    log, _ = AttendanceLog.open(data)
    saved = record()
    log.save(saved)
    assert victim.read_text() == "someone's file\n"
    assert AttendanceLog.read_only(data).records() == [saved]
    assert (data / f".{FILE_NAME}.planted.tmp").is_symlink()


def test_a_failed_write_leaves_no_temp_file_and_the_log_unchanged(tmp_path, monkeypatch):
    log, _ = AttendanceLog.open(tmp_path)
    log.save(record())
    before = (tmp_path / FILE_NAME).read_bytes()

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        log.save(record())
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME]
    assert (tmp_path / FILE_NAME).read_bytes() == before


@pytest.mark.parametrize("kind", ["fifo", "directory"])
def test_a_log_path_that_is_no_file_is_reported_without_hanging_and_set_aside(tmp_path, kind):
    path = tmp_path / FILE_NAME
    os.mkfifo(path) if kind == "fifo" else path.mkdir()
    with pytest.raises(DamagedFile, match="not a regular file"):
        AttendanceLog.read_only(tmp_path)
    log, aside = AttendanceLog.open(tmp_path)
    assert aside is not None and aside.moved_to.name.startswith("attendance.corrupt-")
    log.save(record())
    assert len(AttendanceLog.read_only(tmp_path)) == 1
