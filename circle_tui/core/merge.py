"""Planning an import before anything is written: which of a file's sessions are new here,
which are already here (by id, or the same night logged on another laptop), which were
corrected elsewhere, and which are dated in the future.

Pure: no file, no clock, no log. Storage applies the plan; the CLI and the review screen say
it in a host's words."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from circle_tui.core.record import FIELDS, AttendanceRecord
from circle_tui.core.summary import circle_key, circles_of, circles_spelled

#: Two laptops log one night a few minutes apart (each starts when its facilitator does); two
#: sessions of one circle that start closer than this on one date are the same session.
SAME_START_MINUTES = 15
#: What a session is; the id and schema say where and how it was written, not what happened.
COMPARED = tuple(name for name in FIELDS if name not in ("id", "schema"))


@dataclass(frozen=True)
class Difference:
    """One field a file gives otherwise than the session here."""

    field: str
    theirs: object
    ours: object


@dataclass(frozen=True)
class Match:
    """A session of the file and the one it is taken to be: here, or earlier in the file."""

    incoming: AttendanceRecord
    here: AttendanceRecord
    #: True: the same id. False: another id, but the same circle and date and a start within
    #: SAME_START_MINUTES: most likely the same night, logged on two laptops.
    by_id: bool
    differences: tuple[Difference, ...]
    #: True when `here` is an earlier session of the same file rather than one in the log.
    earlier_in_file: bool = False

    @property
    def minutes_apart(self) -> int:
        return _apart(self.incoming, self.here)


@dataclass
class ImportPlan:
    """What an import would do. Nothing of it is written until storage applies `to_write`;
    an import with anything `refused` writes nothing."""

    #: New sessions (with those kept both, and those dated in the future).
    added: list[AttendanceRecord] = field(default_factory=list)
    #: Finished records of sessions here only as unfinished drafts: they replace the drafts
    #: (the counts a facilitator saved to another folder when the log could not be written).
    finished: list[AttendanceRecord] = field(default_factory=list)
    #: Already here: the same id with the same counts, the same session in every field but
    #: its id, or likely the same night (not added).
    same: list[Match] = field(default_factory=list)
    #: Likely the same night, added all the same because the host said so.
    kept_both: list[Match] = field(default_factory=list)
    #: The same id with other counts: corrected on one of the laptops. The one here is kept,
    #: since nothing tells which is newer.
    corrected: list[Match] = field(default_factory=list)
    #: Sessions of an export dated after today (that laptop's clock ran ahead): added, and said.
    future: list[AttendanceRecord] = field(default_factory=list)
    #: Rows typed into a sheet and dated after today: refused, as `attendance add` refuses them.
    refused: list[AttendanceRecord] = field(default_factory=list)
    #: Added beside another session of the same circle and date whose start is further off
    #: than SAME_START_MINUTES: most likely a second session that day, but said, since a
    #: laptop's start (or clock) that was off makes one night look like two.
    same_day: list[Match] = field(default_factory=list)

    @property
    def to_write(self) -> list[AttendanceRecord]:
        """What storage adds or replaces (AttendanceLog.merge): nothing when any is refused."""
        return [] if self.refused else [*self.added, *self.finished]

    @property
    def likely_same(self) -> list[Match]:
        """The sessions left out as likely the same night as another: `--keep-both` adds them."""
        return [m for m in self.same if not m.by_id and m.differences]

    @property
    def already_here(self) -> list[Match]:
        """The same id, or the same session in every field but its id (a sheet imported
        again: its rows have no ids of their own)."""
        return [m for m in self.same if m.by_id or not m.differences]


def plan_import(
    existing: Iterable[AttendanceRecord],
    incoming: Sequence[AttendanceRecord],
    *,
    today: str,
    typed: Collection[str] = (),
    keep_both: bool = False,
) -> ImportPlan:
    """The plan for bringing `incoming` (a file's sessions, in its order) into a log holding
    `existing`. `typed` holds the ids made for rows typed in by hand (no id of their own):
    their circle takes the spelling already in use, and a future date refuses them. `today`
    is YYYY-MM-DD."""
    here = {r.id: r for r in existing}
    # An export's sessions have ids of their own: two with different ids are two sessions of
    # one log (a separate session on the same night is allowed), so each is compared with the
    # log alone, and a session here stands for one of them at most. Rows typed into a sheet
    # are also compared with the rows above them.
    logged = _Nights(here.values())
    nights = _Nights(here.values())
    paired: set[str] = set()
    exported = [r for r in incoming if r.id not in typed]
    circles = circles_of([*here.values(), *exported])
    plan = ImportPlan()

    def beside(record: AttendanceRecord, other: AttendanceRecord) -> Match:
        """`record` taken with `other`: a session here, or one earlier in the file."""
        return Match(
            record, other, False, differences(other, record), earlier_in_file=other.id not in here
        )

    for record in incoming:
        if record.id in typed:
            record = record._replace(circle=known_spelling(record.circle, circles))
            if typed_ahead(record, typed, today):
                plan.refused.append(record)
                continue
        ours = here.get(record.id)
        if ours is not None:
            _place_known(plan, record, ours)
            continue
        if record.id in typed:
            twin = nights.twin(record)
        else:
            twin = logged.twin(record, besides=paired)
            if twin is not None:
                paired.add(twin.id)
        if twin is not None:
            match = beside(record, twin)
            if not keep_both or not match.differences:  # identical: here already, never twice
                plan.same.append(match)
                continue
            plan.kept_both.append(match)
        else:
            other = nights.nearest(record)
            if other is not None:
                plan.same_day.append(beside(record, other))
        plan.added.append(record)
        nights.add(record)
        if record.date > today:
            plan.future.append(record)
    return plan


def typed_ahead(record: AttendanceRecord, typed: Collection[str], today: str) -> bool:
    """A row typed into a sheet and dated after today (YYYY-MM-DD): refused, as `attendance
    add` refuses it; an export's session dated ahead (a laptop's clock) is only said."""
    return record.id in typed and record.date > today


def _place_known(plan: ImportPlan, theirs: AttendanceRecord, ours: AttendanceRecord) -> None:
    """A session whose id is here already: the same, a draft it finishes, or a correction."""
    if theirs == ours:
        plan.same.append(Match(theirs, ours, True, ()))
    elif ours.status == "in_progress" and theirs.status != "in_progress":
        plan.finished.append(theirs)
    elif theirs.status == "in_progress" and ours.status != "in_progress":
        # The file holds the draft of a session finished here: it is behind, not corrected.
        plan.same.append(Match(theirs, ours, True, differences(ours, theirs)))
    else:
        plan.corrected.append(Match(theirs, ours, True, differences(ours, theirs)))


def differences(ours: AttendanceRecord, theirs: AttendanceRecord) -> tuple[Difference, ...]:
    """Each field of what a session is that `theirs` gives otherwise, in FIELDS order."""
    return tuple(
        Difference(name, getattr(theirs, name), getattr(ours, name))
        for name in COMPARED
        if getattr(theirs, name) != getattr(ours, name)
    )


def known_spelling(name: str, circles: Collection[str]) -> str:
    """A circle already known keeps its name (`circles` as `circles_of` gives them), whatever
    the case or accents typed (a prefix is not enough here: a new circle may well start like
    an old one)."""
    same = circles_spelled(name, circles)
    return same[0] if len(same) == 1 else name.strip()


def _minutes(hhmm: str) -> int:
    return int(hhmm[:2]) * 60 + int(hhmm[3:5])


class _Nights:
    """Sessions by circle (case and accents aside) and date, to find the one a session from
    another laptop is most likely to be, in one look-up however long the log."""

    def __init__(self, records: Iterable[AttendanceRecord]) -> None:
        self._by_night: dict[tuple[str, str], list[AttendanceRecord]] = {}
        for record in records:
            self.add(record)

    def _key(self, record: AttendanceRecord) -> tuple[str, str]:
        return circle_key(record.circle), record.date

    def add(self, record: AttendanceRecord) -> None:
        self._by_night.setdefault(self._key(record), []).append(record)

    def twin(
        self, record: AttendanceRecord, besides: Collection[str] = ()
    ) -> AttendanceRecord | None:
        """The session of the same circle and date whose start is nearest, if it is within
        SAME_START_MINUTES (those whose ids are in `besides` aside)."""
        other = self.nearest(record, besides)
        if other is None or _apart(other, record) > SAME_START_MINUTES:
            return None
        return other

    def nearest(
        self, record: AttendanceRecord, besides: Collection[str] = ()
    ) -> AttendanceRecord | None:
        """The session of the same circle and date whose start is nearest, however far (it
        and those whose ids are in `besides` aside)."""
        others = [
            other
            for other in self._by_night.get(self._key(record), ())
            if other.id != record.id and other.id not in besides
        ]
        return min(others, key=lambda other: _apart(other, record)) if others else None


def _apart(one: AttendanceRecord, other: AttendanceRecord) -> int:
    """Minutes between two sessions' starts."""
    return abs(_minutes(one.started) - _minutes(other.started))
