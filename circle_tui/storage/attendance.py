"""The attendance log: counts per session in one TinyDB, validated on every read and write."""

from __future__ import annotations

import errno
import functools
import operator
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb import Query, TinyDB
from tinydb.queries import QueryInstance
from tinydb.table import Document

from circle_tui.core.record import SCHEMA_VERSION, AttendanceRecord, RecordError
from circle_tui.core.summary import circle_key
from circle_tui.core.text import escape_controls, first_control
from circle_tui.errors import UserError
from circle_tui.i18n import _, ngettext
from circle_tui.settings import ATTENDANCE_FILE
from circle_tui.storage.atomic import (
    DamagedFile,
    ensure_private_dir,
    leftover_temp_files,
    write_bytes_atomic,
)
from circle_tui.storage.tinydb_storage import AtomicJSONStorage

if TYPE_CHECKING:
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


# -- what a file must hold --------------------------------------------------------------------
def _check_file(path: Path, data: Any) -> int:
    """How many circle names must be shown with codes (see `_names_shown`). DamagedFile
    unless `data` (the file as read from the disk) is a log this version can use: TinyDB's
    tables with only ours in it, every record whole (of this schema or one it upgrades,
    circle names with control characters only as `_names_shown` shows them), and no id
    twice. What TinyDB is handed is then always something it can query and change."""
    if not isinstance(data, dict) or set(data) - {TABLE}:
        raise DamagedFile(
            path, _('expected an object with one table "{table}"').format(table=TABLE)
        )
    table = data.get(TABLE, {})
    if not isinstance(table, dict):
        raise DamagedFile(path, _('the "{table}" table is not an object').format(table=TABLE))
    for key in table:
        # TinyDB numbers its documents: "01" and "1" would become one, and one session lost.
        if not (key.isascii() and key.isdigit() and str(int(key)) == key):
            raise DamagedFile(
                path,
                _("record key {key}: expected a whole number such as 1 or 2").format(
                    key=repr(key[:24])
                ),
            )
    return _readable(path, list(table.items()))[1]


def _readable(path: Path, items: Sequence[tuple[Any, Any]]) -> tuple[list[AttendanceRecord], int]:
    """The records of (key, document) `items`, circle names shown with codes where an older
    version let control characters in, and how many such names; DamagedFile naming the first
    bad record."""
    try:
        return _records_of(path, items), 0
    except NewerSchema:
        raise
    except DamagedFile:
        shown, changed = _names_shown(items)
        if not changed:
            raise
        try:
            return _records_of(path, shown), changed
        except DamagedFile:
            pass
        raise


def _records_of(path: Path, items: Sequence[tuple[Any, Any]]) -> list[AttendanceRecord]:
    """Every record, brought up to this schema, or DamagedFile naming the first bad one."""
    newer = [
        doc["schema"]
        for _key, doc in items
        if isinstance(doc, dict) and _newer_schema(doc.get("schema"))
    ]
    if newer:
        raise NewerSchema(path, max(newer))
    records = [_one(path, key, doc) for key, doc in items]
    if len(set(map(_ID, records))) != len(records):  # one session would hide the other
        twice, n = Counter(map(_ID, records)).most_common(1)[0]
        raise DamagedFile(
            path,
            _("record {id}: the id is used by {n} records").format(id=twice, n=n),
        )
    return records


_ID = operator.attrgetter("id")


def _one(path: Path, key: Any, doc: Any) -> AttendanceRecord:
    try:
        return AttendanceRecord.from_dict(migrate(doc) if isinstance(doc, dict) else doc)
    except RecordError as err:
        name = doc.get("id", key) if isinstance(doc, dict) else key
        raise DamagedFile(path, _("record {id}: {problem}").format(id=name, problem=err)) from None


def _names_shown(items: Sequence[tuple[Any, Any]]) -> tuple[list[tuple[Any, Any]], int]:
    """`items` with each control character in a circle name shown as its code (`\\x1b`),
    and how many names that changed.

    Older versions of `attendance add` let such names in. Every output (the table, CSV,
    JSON, the report) can then rely on the record's own check, which refuses them."""
    shown, changed = [], 0
    for key, doc in items:
        circle = doc.get("circle") if isinstance(doc, dict) else None
        if isinstance(circle, str) and first_control(circle) is not None:
            doc = {**doc, "circle": escape_controls(circle)}
            changed += 1
        shown.append((key, doc))
    return shown, changed


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


def _by_id(record_id: str) -> QueryInstance:
    return Query().id == record_id


def _matching(
    circles: Sequence[str] | None, since: str | None, until: str | None
) -> QueryInstance | None:
    """The sessions of `circles` (all when None) from `since` to `until` (YYYY-MM-DD, both
    included, either open), as a TinyDB query; None for every session."""
    session = Query()
    tests = []
    if circles is not None:
        wanted = frozenset(map(circle_key, circles))
        tests.append(session.circle.test(lambda name: circle_key(name) in wanted))
    if since:
        tests.append(session.date >= since)
    if until:
        tests.append(session.date <= until)
    return functools.reduce(operator.and_, tests) if tests else None


def _replacing(records: Mapping[str, AttendanceRecord]) -> Callable[[MutableMapping], None]:
    """A TinyDB update that makes each document it is given the record of its id, whole
    (not merged: a field an upgrade drops is gone)."""

    def replace(doc: MutableMapping) -> None:
        new = records[doc["id"]].to_dict()
        doc.clear()
        doc.update(new)

    return replace


def sort_key(record: AttendanceRecord) -> tuple[str, str, str]:
    """Sessions in the order they happened (the id only breaks ties)."""
    return record.date, record.started, record.id


def _items(docs: Iterable[Document]) -> list[tuple[int, Document]]:
    return [(doc.doc_id, doc) for doc in docs]


class AttendanceLog:
    """The log of sessions: one TinyDB on the file, whose storage (AtomicJSONStorage) every
    read and write goes through. Writers must hold the data dir's WriterLock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = TinyDB(path, storage=AtomicJSONStorage, check=self._check)
        self._storage: AtomicJSONStorage = self._db.storage  # type: ignore[assignment]
        # No query cache: the storage's copy of the file is the one cache, so that every
        # read is the storage's (and a read-only log's view cannot go stale in two places).
        self._table = self._db.table(TABLE, cache_size=0)
        # TinyDB is not thread-safe: the draft is written from a background thread while a
        # screen reads. Reentrant: a merge reads, then writes, holding it.
        self._lock = threading.RLock()
        self._writer_lock: WriterLock | None = None  # taken before the first write (open_later)
        #: Circle names with control characters in the file as last read (a writer rewrites
        #: them when it opens): while there are any, queries run on the names as shown.
        self._names_to_show = 0

    def _check(self, data: Any) -> None:
        """The storage's check of the file as read from the disk."""
        self._names_to_show = _check_file(self.path, data)

    # -- opening ------------------------------------------------------------------
    @classmethod
    def read_only(cls, data_dir: Path) -> AttendanceLog:
        """Open for listing and export; a damaged file raises DamagedFile here (never in a
        later read) and is left as it is."""
        log = cls(data_dir / FILE_NAME)
        len(log)  # reads the file now, and so checks it
        return log

    @classmethod
    def open(cls, data_dir: Path) -> tuple[AttendanceLog, SetAside | None]:
        """Open for writing; a damaged file is set aside (never overwritten) and reported.

        A file of an older schema is re-saved whole in this one, at once, through TinyDB,
        and so is one with control characters in circle names (shown as codes, the file as it
        was kept beside it)."""
        ensure_private_dir(data_dir)
        log = cls(data_dir / FILE_NAME)
        try:
            return log, log._tidy()
        except NewerSchema:
            raise
        except DamagedFile as err:
            aside = set_aside(log.path, err.reason)
            log._storage.forget()  # a new, empty log starts where the file was
            return log, aside

    def _tidy(self) -> SetAside | None:
        """Write every record that does not read as stored (an older schema; a circle name
        shown with codes) as it reads, in one TinyDB update: the upgrade goes through the same
        storage as every other write."""
        with self._lock:
            docs = self._table.all()
            records, _names = _readable(self.path, _items(docs))
            changed = [
                (doc, record)
                for doc, record in zip(docs, records, strict=True)
                if record.to_dict() != doc
            ]
            if not changed:
                return None
            names = sum(doc["circle"] != record.circle for doc, record in changed)
            aside = self._keep_copy(names) if names else None
            self._table.update(
                _replacing({record.id: record for _doc, record in changed}),
                doc_ids=[doc.doc_id for doc, _record in changed],
            )
            self._names_to_show = 0
            return aside

    def _keep_copy(self, names: int) -> SetAside:
        """The file as it was, beside it (named as `set_aside` names it), before circle names
        are written with codes: if either write fails, the log is still there, unchanged."""
        target = _free_set_aside_name(self.path, datetime.now().strftime("%Y%m%dT%H%M%S"))
        as_read = self._storage.as_read()  # the bytes the records were just read from
        assert as_read is not None  # there were records to show with codes
        write_bytes_atomic(target, as_read)
        return SetAside(self.path, target, _("control characters in circle names"), names)

    @classmethod
    def open_later(cls, data_dir: Path, lock: WriterLock) -> tuple[AttendanceLog, str | None]:
        """For a data dir that cannot be written now (read-only, full, gone): the log as far
        as it can be read, and why it could not be read (None when it could).

        Without a writable data dir there is no writer to keep out, so the app runs without
        the lock; `lock` is taken before the first write that gets through (space freed, the
        disk remounted), so two consoles still never write one log."""
        try:
            log, problem = cls.read_only(data_dir), None
        except DamagedFile as err:
            log, problem = cls(data_dir / FILE_NAME), err.reason
            log._storage.assume_empty()
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
        self._storage.forget()
        try:
            len(self._table)  # read from the disk, and so checked
        except DamagedFile as err:
            lock.release()
            self._storage.assume_empty()
            raise OSError(
                errno.EIO,
                _("the attendance file is damaged ({why}); restart circle-tui").format(
                    why=err.reason
                ),
            ) from None

    def _writable(self) -> None:
        if self._writer_lock is not None and not self._writer_lock.held:
            self._become_writer(self._writer_lock)  # OSError while the dir stays unwritable

    # -- reading ------------------------------------------------------------------
    def _records(self, cond: QueryInstance | None = None) -> list[AttendanceRecord]:
        """The records `cond` matches (all when None), read through TinyDB."""
        with self._lock:
            if not self._names_to_show:
                docs = self._table.all() if cond is None else self._table.search(cond)
                return _records_of(self.path, _items(docs))
            # A read-only log whose circle names hold control characters: the query runs on
            # the names as every output shows them (a TinyDB query is a test of a document).
            shown, _changed = _names_shown(_items(self._table.all()))
            return _records_of(self.path, [(k, d) for k, d in shown if cond is None or cond(d)])

    def records(self) -> list[AttendanceRecord]:
        return sorted(self._records(), key=sort_key)

    def select(
        self,
        circles: Sequence[str] | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[AttendanceRecord]:
        """The sessions of `circles` (all when None) from `since` to `until` (YYYY-MM-DD,
        both included, either open), in the order they happened."""
        return sorted(self._records(_matching(circles, since, until)), key=sort_key)

    def get(self, record_id: str) -> AttendanceRecord | None:
        found = self._records(_by_id(record_id))
        return found[0] if found else None

    def __len__(self) -> int:
        with self._lock:
            return len(self._table)

    def drafts(self) -> list[AttendanceRecord]:
        """Sessions still marked in progress: a crash, a closed lid, a killed process."""
        return sorted(self._records(Query().status == "in_progress"), key=sort_key)

    # -- writing ------------------------------------------------------------------
    def save(self, record: AttendanceRecord) -> None:
        """Insert or replace by id; returns once the file holds it durably.

        No check here: an AttendanceRecord cannot exist without having passed the schema."""
        with self._lock:
            self._writable()
            if self._table.contains(_by_id(record.id)):
                self._table.update(_replacing({record.id: record}), _by_id(record.id))
            else:
                self._table.insert(record.to_dict())

    def delete(self, record_id: str) -> bool:
        with self._lock:
            if not self._table.contains(_by_id(record_id)):
                return False
            self._writable()
            self._table.remove(_by_id(record_id))
            return True

    def merge(self, records: Iterable[AttendanceRecord]) -> tuple[int, int]:
        """Add records not already here (by id); returns (added, skipped).

        A session here only as an unfinished draft is replaced by a finished record of it:
        the counts a facilitator saved to another folder when this log could not be written
        finish the draft that was left here."""
        records = list(records)
        with self._lock:
            if records:
                self._writable()
            here = {r.id: r for r in self._records()}
            unique = {r.id: r for r in records if r.id not in here}
            finished = {
                r.id: r
                for r in records
                if r.status != "in_progress" and r.id in here and here[r.id].status == "in_progress"
            }
            skipped = len(records) - len(unique) - len(finished)
            if finished:
                self._table.update(_replacing(finished), Query().id.one_of(list(finished)))
            if unique:
                self._table.insert_multiple(r.to_dict() for r in unique.values())
            return len(unique) + len(finished), skipped

    def close(self) -> None:
        self._db.close()
