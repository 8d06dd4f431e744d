"""Schema 2 (`returning`): files and exports written by the schema-1 release are read, listed,
exported and re-saved with nothing lost; a file from a newer release is refused, untouched.

tests/fixtures/*schema-1* were written by circle-tui at commit 7013b46 (schema 1), unedited."""

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from circle_tui.core.record import SCHEMA_VERSION, RecordError
from circle_tui.errors import UserError
from circle_tui.storage.attendance import FILE_NAME, AttendanceLog, NewerSchema, migrate
from tests.support.helpers import record, run_cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SCHEMA_1_FILE = FIXTURES / "attendance-schema-1.json"
SCHEMA_1_DOCS = json.loads(SCHEMA_1_FILE.read_text())["sessions"]


@pytest.fixture
def schema_1_log(isolated_dirs):
    data = isolated_dirs["data"]
    data.mkdir(parents=True)
    shutil.copy(SCHEMA_1_FILE, data / FILE_NAME)
    os.chmod(data / FILE_NAME, 0o600)
    return data


def as_schema_2(doc: dict) -> dict:
    """What a schema-1 record must become: the same values, returning unknown."""
    return {**{k: v for k, v in doc.items() if k != "schema"}, "returning": None, "schema": 2}


def test_a_schema_1_file_is_read_and_listed_with_returning_unknown_and_left_as_it_was(
    schema_1_log, capsys
):
    before = (schema_1_log / FILE_NAME).read_bytes()
    records = AttendanceLog.read_only(schema_1_log).records()
    assert [r.to_dict() for r in records] == [as_schema_2(d) for d in SCHEMA_1_DOCS.values()]
    code, out, _ = run_cli(capsys, "attendance")
    assert code == 0
    lines = out.splitlines()
    assert "returning" in lines[0] and len(lines) == 1 + len(SCHEMA_1_DOCS) + 1
    assert all("     —  " in line for line in lines[1:-1])  # unknown, never 0
    assert "2025-11-22  Night owls                   12     0          —       45  complete" in out
    assert lines[-1].startswith("5 sessions · 42 attendances · ")
    assert lines[-1].endswith(" · 12 first-timers · returning not counted")
    assert (schema_1_log / FILE_NAME).read_bytes() == before  # listing never rewrites


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_schema_1_log_exports_as_schema_2_and_imports_elsewhere_unchanged(
    schema_1_log, capsys, tmp_path, fmt
):
    _, out, _ = run_cli(capsys, "attendance", "--format", fmt)
    if fmt == "json":
        assert json.loads(out) == [as_schema_2(d) for d in SCHEMA_1_DOCS.values()]
    export = tmp_path / f"export.{fmt}"
    export.write_text(out, encoding="utf-8")
    other = tmp_path / "other"
    code, said, _ = run_cli(capsys, "--data-dir", str(other), "attendance", "import", str(export))
    assert code == 0 and "imported 5 sessions" in said
    assert (
        AttendanceLog.read_only(other).records() == AttendanceLog.read_only(schema_1_log).records()
    )


def test_opening_a_schema_1_file_for_writing_resaves_it_whole_as_schema_2(schema_1_log):
    log, aside = AttendanceLog.open(schema_1_log)
    assert aside is None
    stored = json.loads((schema_1_log / FILE_NAME).read_text())["sessions"]
    assert stored == {key: as_schema_2(doc) for key, doc in SCHEMA_1_DOCS.items()}
    assert stat.S_IMODE((schema_1_log / FILE_NAME).stat().st_mode) == 0o600
    assert [p.name for p in schema_1_log.iterdir()] == [FILE_NAME]  # nothing set aside

    added = record("2025-12-02", returning=2)
    log.save(added)
    log.close()
    stored = json.loads((schema_1_log / FILE_NAME).read_text())["sessions"]
    assert {doc["schema"] for doc in stored.values()} == {SCHEMA_VERSION}
    again = AttendanceLog.read_only(schema_1_log)
    assert len(again) == 6 and again.get(added.id) == added
    assert again.get("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c43").ended == "00:15"


@pytest.mark.parametrize("name", ["export-schema-1.json", "export-schema-1.csv"])
def test_an_export_from_a_laptop_still_on_schema_1_imports_with_returning_unknown(
    isolated_dirs, capsys, name
):
    code, said, err = run_cli(capsys, "attendance", "import", str(FIXTURES / name))
    assert code == 0 and "imported 5 sessions" in said, err
    records = AttendanceLog.read_only(isolated_dirs["data"]).records()
    assert [r.to_dict() for r in records] == [as_schema_2(d) for d in SCHEMA_1_DOCS.values()]


def newer_file(data: Path) -> bytes:
    doc = {**record().to_dict(), "schema": SCHEMA_VERSION + 1, "mood": "calm"}
    data.mkdir(parents=True, exist_ok=True)
    content = json.dumps({"sessions": {"1": record().to_dict(), "2": doc}}).encode()
    (data / FILE_NAME).write_bytes(content)
    return content


def test_a_file_from_a_newer_circle_tui_is_refused_by_name_and_never_set_aside(
    isolated_dirs, capsys
):
    data = isolated_dirs["data"]
    content = newer_file(data)
    with pytest.raises(NewerSchema, match=f"schema {SCHEMA_VERSION + 1}; this one reads up to"):
        AttendanceLog.read_only(data)
    with pytest.raises(UserError, match="upgrade circle-tui"):  # the app's start says it too
        AttendanceLog.open(data)
    code, _, err = run_cli(capsys, "attendance")
    assert code == 2
    assert err == (
        f"circle-tui: {data / FILE_NAME}: written by a newer circle-tui (schema "
        f"{SCHEMA_VERSION + 1}; this one reads up to {SCHEMA_VERSION}); upgrade circle-tui to "
        "use it\n"
    )
    assert (data / FILE_NAME).read_bytes() == content
    assert [p.name for p in data.iterdir()] == [FILE_NAME]


def test_a_schema_1_record_that_already_has_returning_is_not_guessed_at():
    doc = {**SCHEMA_1_DOCS["1"], "returning": 3}
    with pytest.raises(RecordError, match="returning: unknown field in a schema-1 record"):
        migrate(doc)


# -- the new count itself ---------------------------------------------------------------------------
def test_returning_is_a_count_that_fits_beside_the_first_timers():

    assert record(present=9, newcomers=3, returning=6).returning == 6
    assert record(returning=None).returning is None
    with pytest.raises(RecordError, match="returning: 7 returning and 3 newcomers is more than 9"):
        record(present=9, newcomers=3, returning=7)
    for bad in (-1, True, 1.0, "2"):
        with pytest.raises(RecordError, match="returning"):
            record(returning=bad)


def test_a_correction_of_returning_counts_from_zero_when_it_was_not_counted():
    unknown = record(present=9, newcomers=3, returning=None)
    assert unknown.corrected("returning", 1).returning == 1
    assert unknown.corrected("returning", -1) is None
    assert record(present=4, newcomers=3, returning=1).corrected("returning", 1) is None
