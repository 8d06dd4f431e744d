"""TinyDB is the attendance store: every read and write of the log goes through its Storage."""

import json
import os
import threading
from pathlib import Path

import pytest

from circle_tui.core.record import SCHEMA_VERSION
from circle_tui.storage.attendance import FILE_NAME, AttendanceLog
from circle_tui.storage.tinydb_storage import AtomicJSONStorage
from tests.support.helpers import old_log, record, run_cli


class Watch:
    """What TinyDB's storage was asked to do, and any touch of a log file outside it."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []  # (read | write, the log's folder name)
        self.stray: list[str] = []
        self._inside = threading.local()

    def take(self) -> list[str]:
        """The storage calls since the last take: `read` and `write`, in order."""
        calls, self.calls = self.calls, []
        return [call for call, _folder in calls]

    def inside(self) -> bool:
        return getattr(self._inside, "depth", 0) > 0

    def wrap(self, name: str, method):
        def wrapped(storage, *args):
            self.calls.append((name, storage.path.parent.name))
            self._inside.depth = getattr(self._inside, "depth", 0) + 1
            try:
                return method(storage, *args)
            finally:
                self._inside.depth -= 1

        return wrapped


@pytest.fixture
def watch(monkeypatch):
    """TinyDB's Storage read and write wrapped; opening a log file (os.open) or replacing
    one (os.replace) anywhere else is noted as stray."""
    seen = Watch()
    monkeypatch.setattr(AtomicJSONStorage, "read", seen.wrap("read", AtomicJSONStorage.read))
    monkeypatch.setattr(AtomicJSONStorage, "write", seen.wrap("write", AtomicJSONStorage.write))
    real_open, real_replace = os.open, os.replace

    def watched_open(path, *args, **kwargs):
        if Path(path).name == FILE_NAME and not seen.inside():
            seen.stray.append(f"os.open {path}")
        return real_open(path, *args, **kwargs)

    def watched_replace(src, dst, *args, **kwargs):
        if Path(dst).name == FILE_NAME and not seen.inside():
            seen.stray.append(f"os.replace onto {dst}")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "open", watched_open)
    monkeypatch.setattr(os, "replace", watched_replace)
    return seen


def schema_1_log(data: Path) -> None:
    doc = record("2026-11-03").to_dict()
    del doc["returning"]
    doc["schema"] = 1
    data.mkdir(parents=True, exist_ok=True)
    (data / FILE_NAME).write_text(json.dumps({"sessions": {"1": doc}}))
    os.chmod(data / FILE_NAME, 0o600)


def test_every_read_and_write_of_the_log_goes_through_tinydbs_storage(
    watch, isolated_dirs, capsys, tmp_path
):
    data = isolated_dirs["data"]
    schema_1_log(data)

    # Listing an older schema's log reads it, upgraded on the way, and writes nothing.
    code, out, _ = run_cli(capsys, "attendance")
    assert code == 0 and "2026-11-03" in out
    assert set(watch.take()) == {"read"}

    # Opening it for writing (as the app and every CLI writer do) upgrades it in one write.
    log, aside = AttendanceLog.open(data)
    calls = watch.take()
    assert aside is None and calls[0] == "read" and calls.count("write") == 1
    assert {
        doc["schema"] for doc in json.loads((data / FILE_NAME).read_text())["sessions"].values()
    } == {SCHEMA_VERSION}

    # What the app does with it: a draft saved, found, finished, a session deleted.
    draft = record("2026-11-10", status="in_progress", present=4, newcomers=1)
    log.save(draft)
    assert watch.take()[-1] == "write"
    assert log.drafts() == [draft] and log.get(draft.id) == draft and len(log) == 2
    assert set(watch.take()) == {"read"}
    log.save(draft._replace(status="complete"))
    assert watch.take()[-1] == "write"
    assert log.delete(draft.id) and log.get(draft.id) is None
    assert "write" in watch.take()
    log.close()

    # The host's commands: add, list, summary with filters, export, report.
    code, out, err = run_cli(
        capsys, "attendance", "add", "--circle", "Tuesday circle", "--date", "2026-11-17",
        "--present", "7", "--newcomers", "2",
    )  # fmt: skip
    assert code == 0, err
    assert "write" in watch.take()
    code, out, _ = run_cli(capsys, "attendance", "summary", "--since", "2026-11-10")
    assert code == 0 and "7" in out
    assert set(watch.take()) == {"read"}
    code, out, _ = run_cli(capsys, "attendance", "--format", "csv")
    assert code == 0 and out.count("Tuesday circle") == 2
    assert set(watch.take()) == {"read"}
    code, _, err = run_cli(capsys, "attendance", "report", str(tmp_path / "r.html"))
    assert code == 0, err
    assert set(watch.take()) == {"read"}

    # Another laptop's export, merged in.
    other = tmp_path / "other-laptop"
    theirs = AttendanceLog.open(other)[0]
    theirs.save(record("2026-11-24", present=12, newcomers=0))
    export = tmp_path / "theirs.json"
    code, out, _ = run_cli(capsys, "--data-dir", str(other), "attendance", "--format", "json")
    export.write_text(out)
    watch.take()
    code, out, err = run_cli(capsys, "attendance", "import", str(export))
    assert code == 0, err
    assert "write" in watch.take()
    assert [r.date for r in AttendanceLog.read_only(data).records()] == [
        "2026-11-03",
        "2026-11-17",
        "2026-11-24",
    ]
    assert watch.stray == []


def test_the_summaries_filters_are_tinydb_queries(watch, isolated_dirs):
    """`select` asks TinyDB for the matching documents: what it reads is filtered there."""
    log, _ = AttendanceLog.open(isolated_dirs["data"])
    kept = record("2026-10-06", "Tuesday circle")
    for r in (record("2026-09-01", "Tuesday circle"), kept, record("2026-10-09", "Friday")):
        log.save(r)
    searched = []
    real_search = log._table.search

    def search(cond):
        found = real_search(cond)
        searched.append(len(found))
        return found

    log._table.search = search
    assert log.select(["Tuesday circle"], "2026-10-01", "2026-10-31") == [kept]
    assert searched == [1]
    assert log.select(None, None, "2026-09-30") == [record_on(log, "2026-09-01")]


def record_on(log: AttendanceLog, day: str):
    (found,) = [r for r in log.records() if r.date == day]
    return found


def test_a_write_that_fails_leaves_the_next_read_to_the_disk(isolated_dirs, monkeypatch):
    """The storage's copy of the file is never ahead of the disk: after a failed write it
    reads the file again rather than trusting what it holds."""
    log, _ = AttendanceLog.open(isolated_dirs["data"])
    first = record("2026-11-03")
    log.save(first)
    from circle_tui.storage import tinydb_storage

    def full_disk(path, payload):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tinydb_storage, "write_bytes_atomic", full_disk)
    with pytest.raises(OSError):
        log.save(record("2026-11-10"))
    monkeypatch.undo()
    assert log.records() == [first] == AttendanceLog.read_only(isolated_dirs["data"]).records()


def test_a_log_with_keys_tinydb_would_merge_is_damage_not_a_lost_session(tmp_path):
    """TinyDB numbers its documents: "01" and "1" would be one, and a session would vanish
    on the next write. Such a file is set aside, never rewritten."""
    a, b = record("2026-11-03").to_dict(), record("2026-11-10").to_dict()
    raw = json.dumps({"sessions": {"1": a, "01": b}}).encode()
    (tmp_path / FILE_NAME).write_bytes(raw)
    log, aside = AttendanceLog.open(tmp_path)
    assert aside is not None and "record key '01'" in aside.reason
    assert aside.moved_to.read_bytes() == raw and len(log) == 0


def test_a_filter_finds_a_circle_whose_old_name_reads_with_codes(isolated_dirs, capsys):
    """A log an older `add` left with a control character in a name, read without being
    rewritten: the query runs on the name as the listing shows it."""
    raw = old_log(isolated_dirs["data"], "Tue\x1b[31mday", "Friday")
    code, out, err = run_cli(capsys, "attendance", "--circle", "tue")
    assert code == 0, err
    assert "2026-11-01" in out and "2026-11-02" not in out
    log = AttendanceLog.read_only(isolated_dirs["data"])
    assert [r.circle for r in log.select(["Tue\\x1b[31mday"])] == ["Tue\\x1b[31mday"]
    assert (isolated_dirs["data"] / FILE_NAME).read_bytes() == raw  # read, never rewritten
