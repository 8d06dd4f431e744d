"""The attendance log: counts per session, validated on every read and write."""

from __future__ import annotations

import errno
import gc
import operator
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from circle_tui.core.record import SCHEMA_VERSION, AttendanceRecord, RecordError
from circle_tui.core.text import escape_controls, first_control
from circle_tui.errors import UserError
from circle_tui.i18n import _, ngettext
from circle_tui.settings import ATTENDANCE_FILE
from circle_tui.storage.atomic import (
    MAX_JSON_BYTES,
    DamagedFile,
    ensure_private_dir,
    leftover_temp_files,
    read_json,
    write_json_atomic,
)

if TYPE_CHECKING:
    from tinydb import TinyDB

    from circle_tui.storage.lock import WriterLock

FILE_NAME = ATTENDANCE_FILE
TABLE = "sessions"


def _returning_not_counted(doc: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 had no `returning`: those sessions read as "not counted", never as 0."""
    if "returning" in doc:
        raise RecordError("returning", _("unknown field in a schema-1 record"))
    upgraded = {name: value for name, value in doc.items() if name != "schema"}
    return {**upgraded, "returning": None, "schema": 2}


#: Upgrades from schema N to N+1, applied on read (and to imports from older laptops).
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _returning_not_counted}


class NewerSchema(DamagedFile, UserError):
    """A log written by a newer circle-tui: refused, never set aside or rewritten, since this
    version cannot know what the newer fields mean."""

    def __init__(self, path: Path, version: int) -> None:
        super().__init__(
            path,
            _(
                "written by a newer circle-tui (schema {version}; this one reads up to "
                "{ours}); upgrade circle-tui to use it"
            ).format(version=version, ours=SCHEMA_VERSION),
        )


def _newer_schema(version: Any) -> bool:
    return type(version) is int and version > SCHEMA_VERSION


def migrate(doc: dict[str, Any]) -> dict[str, Any]:
    """`doc` brought up to SCHEMA_VERSION; RecordError naming the schema if a newer
    circle-tui wrote it (an older one cannot know what its fields mean)."""
    version = doc.get("schema")
    if isinstance(version, int) and not isinstance(version, bool):
        if version > SCHEMA_VERSION:
            raise RecordError(
                "schema",
                _("written by a newer circle-tui (schema {version}); upgrade circle-tui").format(
                    version=version
                ),
            )
        while version < SCHEMA_VERSION and version in MIGRATIONS:
            doc = MIGRATIONS[version](doc)
            version = doc["schema"]
    return doc


_ID = operator.attrgetter("id")


def check_contents(path: Path, data: Any) -> list[AttendanceRecord]:
    """Every record in a loaded file, brought up to this schema, or DamagedFile naming the
    first bad one."""
    if data is None:
        return []
    if not isinstance(data, dict) or set(data) - {TABLE}:
        raise DamagedFile(
            path, _('expected an object with one table "{table}"').format(table=TABLE)
        )
    table = data.get(TABLE, {})
    if not isinstance(table, dict):
        raise DamagedFile(path, _('the "{table}" table is not an object').format(table=TABLE))
    docs = list(table.values())
    records = AttendanceRecord.from_dicts(docs)
    if records is None and all(type(doc) is dict for doc in docs):  # an older schema's file
        with suppress(RecordError):
            records = AttendanceRecord.from_dicts(list(map(migrate, docs)))
    if records is None:  # something to name: record by record
        newer = [d["schema"] for d in docs if type(d) is dict and _newer_schema(d.get("schema"))]
        if newer:
            raise NewerSchema(path, max(newer))
        records = [_one(path, key, doc) for key, doc in table.items()]
    if len(set(map(_ID, records))) != len(records):  # one session would hide the other
        twice, n = Counter(map(_ID, records)).most_common(1)[0]
        raise DamagedFile(
            path,
            _("record {id}: the id is used by {n} records").format(id=twice, n=n),
        )
    return records


def _one(path: Path, key: str, doc: Any) -> AttendanceRecord:
    try:
        return AttendanceRecord.from_dict(migrate(doc) if isinstance(doc, dict) else doc)
    except RecordError as err:
        name = doc.get("id", key) if isinstance(doc, dict) else key
        raise DamagedFile(path, _("record {id}: {problem}").format(id=name, problem=err)) from None


@dataclass(frozen=True)
class SetAside:
    """What happened to a damaged file, to be told to the user before anything else."""

    original: Path
    moved_to: Path
    reason: str
    #: Circle names whose control characters now read as codes; the log itself was kept.
    names_shown: int = 0

    def message(self) -> str:
        if self.names_shown:
            return ngettext(
                "{n} circle name in the attendance file held control characters, which could "
                "drive a terminal or a spreadsheet; it now reads with codes in their place "
                "(such as \\x1b). The file as it was is kept, unchanged, at {moved_to}.",
                "{n} circle names in the attendance file held control characters, which could "
                "drive a terminal or a spreadsheet; they now read with codes in their place "
                "(such as \\x1b). The file as it was is kept, unchanged, at {moved_to}.",
                self.names_shown,
            ).format(n=self.names_shown, moved_to=self.moved_to)
        return _(
            "The attendance file could not be used ({why}). It was moved, unchanged, to "
            "{moved_to}. A new, empty attendance log starts now; nothing was overwritten."
        ).format(why=self.reason, moved_to=self.moved_to)


def _set_aside_name(path: Path, tag: str) -> Path:
    return path.with_name(f"{path.stem}.corrupt-{tag}{path.suffix}")


def _free_set_aside_name(path: Path, stamp: str) -> Path:
    target = _set_aside_name(path, stamp)
    n = 1
    while target.exists():
        n += 1
        target = _set_aside_name(path, f"{stamp}-{n}")
    return target


def set_aside(path: Path, reason: str, now: datetime | None = None) -> SetAside:
    target = _free_set_aside_name(path, (now or datetime.now()).strftime("%Y%m%dT%H%M%S"))
    path.rename(target)
    return SetAside(path, target, reason)


def _names_shown(data: Any) -> tuple[dict[str, Any], int] | None:
    """The log with each control character in a circle name shown as its code (`\\x1b`),
    and how many names that changed; None when no name holds one.

    Older versions of `attendance add` let such names in. Every output — the table, CSV,
    JSON, the report — can then rely on the record's own check, which refuses them."""
    if not isinstance(data, dict) or not isinstance(data.get(TABLE), dict):
        return None
    table, changed = {}, 0
    for key, doc in data[TABLE].items():
        circle = doc.get("circle") if isinstance(doc, dict) else None
        if isinstance(circle, str) and first_control(circle) is not None:
            doc = {**doc, "circle": escape_controls(circle)}
            changed += 1
        table[key] = doc
    return ({TABLE: table}, changed) if changed else None


def _show_names(path: Path, shown: dict[str, Any], changed: int) -> SetAside:
    """Keep the file as it was beside it (a copy, as `set_aside` names it), then write the
    log with the names shown: if either write fails, the log is still there, unchanged."""
    from circle_tui.reading import read_regular_file
    from circle_tui.storage.atomic import write_bytes_atomic

    target = _free_set_aside_name(path, datetime.now().strftime("%Y%m%dT%H%M%S"))
    write_bytes_atomic(target, read_regular_file(path, MAX_JSON_BYTES))
    records = check_contents(path, shown)
    table = {key: r.to_dict() for key, r in zip(shown[TABLE], records, strict=True)}
    write_json_atomic(path, {TABLE: table})
    return SetAside(path, target, _("control characters in circle names"), changed)


def set_aside_copies(data_dir: Path) -> list[Path]:
    """Damaged logs moved aside by `set_aside`: they hold counts too, so erasing includes them."""
    return sorted(data_dir.glob(_set_aside_name(data_dir / FILE_NAME, "*").name))


def stored_files(data_dir: Path) -> list[Path]:
    """Every file in `data_dir` that may hold attendance counts: the log, its set-aside
    copies, temp files a killed process left, and recovery checkpoints of unfinished circles
    (all that `privacy --erase` must delete)."""
    from circle_tui.storage.checkpoint import checkpoint_files

    log = data_dir / FILE_NAME
    found = [log] if log.exists() or log.is_symlink() else []
    return (
        found + set_aside_copies(data_dir) + leftover_temp_files(log) + checkpoint_files(data_dir)
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading years of sessions makes tens of thousands of objects, none in a cycle; the
    cycle collector would walk them several times over while they are made, for nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _by_id(record_id: str):
    from tinydb import Query

    return Query().id == record_id


def sort_key(record: AttendanceRecord) -> str:
    """Sessions in the order they happened (the id only breaks ties).

    One string rather than a tuple: date and start time have a fixed width, so the order is
    the same, and a list of plain strings sorts several times quicker."""
    return record.date + record.started + record.id


class AttendanceLog:
    """The log of sessions. Writers must hold the data dir's WriterLock."""

    def __init__(self, path: Path, records: Iterable[AttendanceRecord] = ()) -> None:
        self.path = path
        records = list(records)
        self._records = dict(zip(map(_ID, records), records, strict=True))
        self._db: TinyDB | None = None
        self._lock = threading.Lock()
        self._writer_lock: WriterLock | None = None  # taken before the first write (open_later)

    # -- opening ------------------------------------------------------------------
    @classmethod
    def read_only(cls, data_dir: Path) -> AttendanceLog:
        """Load for listing and export; a damaged file raises DamagedFile and is left as is."""
        path = data_dir / FILE_NAME
        with _collector_paused():
            data = read_json(path)
            try:
                return cls(path, check_contents(path, data))
            except NewerSchema:
                raise
            except DamagedFile:
                # Names an older `add` let control characters into read with codes in their
                # place, as the next start will write them (`open`); other damage stays damage.
                shown = _names_shown(data)
                if shown is None:
                    raise
                with suppress(DamagedFile):
                    return cls(path, check_contents(path, shown[0]))
                raise

    @classmethod
    def open(cls, data_dir: Path) -> tuple[AttendanceLog, SetAside | None]:
        """Load for writing; a damaged file is set aside (never overwritten) and reported.

        A file of an older schema is re-saved whole in this one, at once: the next write
        would otherwise leave old and new records side by side in one file."""
        ensure_private_dir(data_dir)
        path = data_dir / FILE_NAME
        data = None
        try:
            with _collector_paused():
                data = read_json(path)
                records = check_contents(path, data)
        except NewerSchema:
            raise
        except DamagedFile as err:
            shown = _names_shown(data)
            if shown is not None:
                with suppress(DamagedFile):
                    return cls(path, check_contents(path, shown[0])), _show_names(path, *shown)
            return cls(path), set_aside(path, err.reason)
        table = data[TABLE] if data else {}
        if any(doc["schema"] != SCHEMA_VERSION for doc in table.values()):
            # check_contents keeps the file's order: each record goes back under its key.
            upgraded = {key: r.to_dict() for key, r in zip(table, records, strict=True)}
            write_json_atomic(path, {TABLE: upgraded})
        return cls(path, records), None

    @classmethod
    def open_later(cls, data_dir: Path, lock: WriterLock) -> tuple[AttendanceLog, str | None]:
        """For a data dir that cannot be written now (read-only, full, gone): the log as far
        as it can be read, and why it could not be read (None when it could).

        Without a writable data dir there is no writer to keep out, so the app runs without
        the lock; `lock` is taken before the first write that gets through (space freed, the
        disk remounted), so two consoles still never write one log."""
        path = data_dir / FILE_NAME
        try:
            log, problem = cls.read_only(data_dir), None
        except DamagedFile as err:
            log, problem = cls(path), err.reason
        log._writer_lock = lock
        return log, problem

    def _become_writer(self, lock: WriterLock) -> None:
        """Take the lock before a first write (see `open_later`), then read the file again:
        another console may have written it while this one could not."""
        from circle_tui.storage.lock import AlreadyRunning, LockRefused

        try:
            lock.acquire()
        except AlreadyRunning:
            raise OSError(errno.EBUSY, _("another circle-tui is using this data folder")) from None
        except LockRefused:
            raise OSError(
                errno.EEXIST, _("something else is in the place of the lock file")
            ) from None
        try:
            records = check_contents(self.path, read_json(self.path))
        except DamagedFile as err:
            lock.release()
            raise OSError(
                errno.EIO,
                _("the attendance file is damaged ({why}); restart circle-tui").format(
                    why=err.reason
                ),
            ) from None
        self._records = {r.id: r for r in records}

    # -- reading ------------------------------------------------------------------
    def records(self) -> list[AttendanceRecord]:
        return sorted(self._records.values(), key=sort_key)

    def get(self, record_id: str) -> AttendanceRecord | None:
        return self._records.get(record_id)

    def __len__(self) -> int:
        return len(self._records)

    def drafts(self) -> list[AttendanceRecord]:
        """Sessions still marked in progress: a crash, a closed lid, a killed process."""
        return [r for r in self.records() if r.status == "in_progress"]

    # -- writing ------------------------------------------------------------------
    def _table(self):
        from tinydb import TinyDB  # only writers need it: listing stays quick

        from circle_tui.storage.tinydb_storage import AtomicJSONStorage

        if self._writer_lock is not None and not self._writer_lock.held:
            self._become_writer(self._writer_lock)  # OSError while the dir stays unwritable
        if self._db is None:
            self._db = TinyDB(self.path, storage=AtomicJSONStorage)
        return self._db.table(TABLE, cache_size=0)

    def save(self, record: AttendanceRecord) -> None:
        """Insert or replace by id; returns once the file holds it durably.

        No check here: an AttendanceRecord cannot exist without having passed `validate`."""
        with self._lock:
            self._table().upsert(record.to_dict(), _by_id(record.id))
            self._records[record.id] = record

    def delete(self, record_id: str) -> bool:
        with self._lock:
            if record_id not in self._records:
                return False
            self._table().remove(_by_id(record_id))
            del self._records[record_id]
            return True

    def merge(self, records: Iterable[AttendanceRecord]) -> tuple[int, int]:
        """Add records not already here (by id); returns (added, skipped).

        A session here only as an unfinished draft is replaced by a finished record of it:
        the counts a facilitator saved to another folder when this log could not be written
        finish the draft that was left here."""
        records = list(records)
        with self._lock:
            unique = {r.id: r for r in records if r.id not in self._records}
            finished = {
                r.id: r
                for r in records
                if r.status != "in_progress"
                and r.id in self._records
                and self._records[r.id].status == "in_progress"
            }
            skipped = len(records) - len(unique) - len(finished)
            if unique:
                self._table().insert_multiple(r.to_dict() for r in unique.values())
                self._records.update(unique)
            for record in finished.values():
                self._table().upsert(record.to_dict(), _by_id(record.id))
                self._records[record.id] = record
            return len(unique) + len(finished), skipped

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
