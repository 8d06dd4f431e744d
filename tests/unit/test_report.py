"""`circle-tui attendance report`: one page to share, HTML or PNG, whose figures match the
constructed log's (known by construction, tests/unit/test_summary.py), drawn without a chart
library: the HTML's inline SVG and the PNG's shapes are read back here."""

import re
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser

import pytest
from PIL import Image

from circle_tui import i18n
from circle_tui.cli import main
from circle_tui.core.summary import year_on_year
from circle_tui.report import PAGE, PNG_DPI, gather, month_table
from circle_tui.report.charts import chart_shapes
from circle_tui.report.png import page_shapes
from circle_tui.report.shapes import Box, Text, cut, font
from circle_tui.storage.attendance import AttendanceLog
from tests.support.helpers import constructed_log, record, run_cli
from tests.unit.test_summary import CIRCLES


@pytest.fixture
def constructed(isolated_dirs):
    constructed_log(isolated_dirs["data"])
    return isolated_dirs["data"]


@pytest.fixture
def with_a_gap(isolated_dirs):
    """One circle: January 2026 (10 and 12 present), no session in February, March with a
    session nobody came to, April 7 present."""
    log, _ = AttendanceLog.open(isolated_dirs["data"])
    for day, present in (("2026-01-06", 10), ("2026-01-20", 12), ("2026-03-03", 0),
                         ("2026-04-07", 7)):  # fmt: skip
        log.save(record(day, "Tuesday circle", present, 0, returning=0))
    log.close()
    return isolated_dirs["data"]


HEADLINE = ["216", "2,232", "10.3", "324", "33%"]
BACK = "72 of 216 first-timers came back (33%) — in the 144 sessions that counted returns"
TOTAL_ROW = ["all", "216", "2,232", "10.3", "324", "72", "33% of 216"]


def circle_rows() -> list[list[str]]:
    """The per-circle table as the construction says it must read."""
    rows = []
    for name, want in CIRCLES.items():
        rows.append(
            [
                name,
                f"{want['sessions']:,}",
                f"{want['attendances']:,}",
                f"{want['attendances'] / want['sessions']:.1f}",
                f"{want['first_timers']:,}",
                str(want["returning"]),
                "33% of 72",  # 24 of the 72 first-timers of the sessions that counted
            ]
        )
    return rows


class Page(HTMLParser):
    """An HTML report read back: every table row's cells, the headline figures and their
    labels, and the SVG's bars (their <title>) and texts."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.figures: list[str] = []
        self.labels: list[str] = []
        self.bars: list[str] = []
        self.svg_texts: list[str] = []
        self._in: str | None = None
        self._svg = False

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            self._svg = True
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th", "b", "span", "title", "text"):
            self._in = tag
            if tag in ("td", "th"):
                self.rows[-1].append("")

    def handle_endtag(self, tag):
        self._in = None if tag in ("td", "th", "b", "span", "title", "text") else self._in

    def handle_data(self, data):
        if self._in in ("td", "th"):
            self.rows[-1][-1] += data
        elif self._in == "b":
            self.figures.append(data)
        elif self._in == "span":
            self.labels.append(data)
        elif self._in == "title" and self._svg:
            self.bars.append(data)
        elif self._in == "text":
            self.svg_texts.append(data)


def read_page(path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_the_html_report_has_the_constructed_figures(constructed, capsys, tmp_path):
    target = tmp_path / "report.html"
    code, out, _ = run_cli(capsys, "attendance", "report", str(target))
    assert code == 0 and out.startswith(f"wrote {target}: 216 sessions · 2,232 attendances")
    page = read_page(target)
    assert page.figures == HEADLINE and page.labels[-1] == BACK
    assert page.rows[0] == ["circle", "sessions", "attendances", "average", "first-timers",
                            "returning", "returned"]  # fmt: skip
    assert page.rows[1:4] == circle_rows()
    assert page.rows[4] == TOTAL_ROW


def test_the_html_report_is_self_contained_and_made_for_one_printed_page(constructed, tmp_path):
    target = tmp_path / "report.html"
    main(["attendance", "report", str(target)])
    text = target.read_text(encoding="utf-8")
    for outside in ("<script", "<link", "<img", "<iframe", "@import", "@font-face", "http", "//"):
        assert outside not in text.lower(), outside
    assert "url(" not in text and " on" not in re.sub(r">[^<]*<", "><", text)  # no handlers
    assert text.count("<svg") == 1 and "@page { size: A4 portrait" in text


@pytest.mark.parametrize("name", ["report.html", "report.png"])
def test_a_report_that_fails_half_way_leaves_the_older_one_whole(
    constructed, tmp_path, capsys, monkeypatch, name
):
    """Written as every file of ours is: a crash or full disk before the replace keeps the
    report already there, leaves no temp file, and says which file in one line."""
    import os

    target = tmp_path / "reports" / name
    target.parent.mkdir()
    target.write_bytes(b"last month's report")

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    code, _, err = run_cli(capsys, "attendance", "report", str(target))
    assert code != 0 and str(target) in err and "Traceback" not in err
    assert target.read_bytes() == b"last month's report"
    assert sorted(p.name for p in target.parent.iterdir()) == [name]


def test_a_link_where_the_report_goes_is_replaced_never_written_through(constructed, tmp_path):
    elsewhere = tmp_path / "someone-elses-file"
    elsewhere.write_text("keep me")
    target = tmp_path / "report.html"
    target.symlink_to(elsewhere)
    assert main(["attendance", "report", str(target)]) == 0
    assert elsewhere.read_text() == "keep me"
    assert not target.is_symlink() and "<svg" in target.read_text(encoding="utf-8")


def test_circle_names_are_text_in_html_and_never_markup(isolated_dirs, tmp_path):
    log, _ = AttendanceLog.open(isolated_dirs["data"])
    log.save(record(circle="<b>Bold</b> & $x^2$ circle"))
    target = tmp_path / "report.html"
    assert main(["attendance", "report", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; $x^2$ circle" in text and "<b>Bold</b>" not in text
    assert main(["attendance", "report", str(tmp_path / "report.png")]) == 0


def texts(shapes) -> list[str]:
    return [s.text for s in shapes if isinstance(s, Text)]


def test_the_png_report_is_one_a4_page_with_the_constructed_figures(constructed, capsys, tmp_path):
    target = tmp_path / "report.png"
    code, _, _ = run_cli(capsys, "attendance", "report", str(target))
    assert code == 0
    with Image.open(target) as image:
        assert image.format == "PNG"
        width, height = image.size  # A4 at PNG_DPI, to the pixel
        assert width == round(PAGE[0] * PNG_DPI) and abs(height - PAGE[1] * PNG_DPI) < 1
        # Bars are drawn: the bar colour covers a good part of the page.
        colours = dict((rgb, n) for n, rgb in image.convert("RGB").getcolors(1 << 20))
        assert colours.get((0x2F, 0x5F, 0x8A), 0) > 50_000
    records = AttendanceLog.read_only(constructed).records()
    drawn = texts(page_shapes(gather(records, "all circles · all dates"), date(2026, 11, 28)))
    assert all(value in drawn for value in HEADLINE)
    for row in [*circle_rows(), TOTAL_ROW]:
        assert all(cell in drawn for cell in row), row
    titles = {t for t in drawn if " in 72 sessions" in t}
    assert titles == {
        "Monday circle — 720 in 72 sessions",
        "Saturday morning — 504 in 72 sessions",
        "Wednesday circle — 1,008 in 72 sessions",
    }


def bars(shapes) -> dict[str, Box]:
    """The chart's bars by what they stand for: `Wednesday circle 2024-01: 26`."""
    return {s.label: s for s in shapes if isinstance(s, Box) and s.label}


def test_the_charts_share_one_scale_the_months_and_carry_their_values(constructed):
    report = gather(AttendanceLog.read_only(constructed).records(), "all")
    shapes = chart_shapes(report.per_circle, report.circles, report.months, 500, 600)
    drawn = bars(shapes)
    assert len(drawn) == 3 * 36
    # Month i: 2 base + 2 + 2 (i % 3); the construction again, not the summary's code.
    want = {
        f"{name} {month}: {2 * base + 2 + 2 * (i % 3)}"
        for name, base in (("Monday circle", 8), ("Saturday morning", 5), ("Wednesday circle", 12))
        for i, month in enumerate(report.months)
    }
    assert set(drawn) == want
    # One scale: every bar's height is its value times the same factor.
    factors = {round(box.height / int(label.rsplit(" ", 1)[1]), 6) for label, box in drawn.items()}
    assert len(factors) == 1
    # Each bar carries its value, just above it and centred on it.
    values = [s for s in shapes if isinstance(s, Text) and s.anchor == "middle" and s.y < 590]
    for label, box in drawn.items():
        value = label.rsplit(" ", 1)[1]
        assert any(
            t.text == value and abs(t.x - (box.x + box.width / 2)) < 0.01 and t.y < box.y
            for t in values
        ), label


def test_an_empty_month_is_empty_in_the_charts_and_the_month_table(with_a_gap, tmp_path):
    records = AttendanceLog.read_only(with_a_gap).records()
    report = gather(records, "all")
    assert report.months == ["2026-01", "2026-02", "2026-03", "2026-04"]  # every month
    drawn = bars(chart_shapes(report.per_circle, report.circles, report.months, 500, 200))
    # February had no session: no bar and no value; March's 0 is a bar all the same.
    assert sorted(drawn) == [
        "Tuesday circle 2026-01: 22",
        "Tuesday circle 2026-03: 0",
        "Tuesday circle 2026-04: 7",
    ]
    ((year, cells, total),) = month_table(report)
    assert year == "2026" and total.attendances == 29
    assert [c if isinstance(c, str | None) else c.attendances for c in cells] == [
        22, "", 0, 7, None, None, None, None, None, None, None, None,
    ]  # fmt: skip
    target = tmp_path / "gap.html"
    assert main(["attendance", "report", str(target)]) == 0
    page = read_page(target)
    months_row = next(row for row in page.rows if row and row[0] == "2026" and len(row) == 14)
    assert months_row[1:6] == ["22 (2)", "", "0 (1)", "7 (1)", ""] and months_row[-1] == "29 (4)"
    assert page.bars == list(drawn) and "22" in page.svg_texts and "0" in page.svg_texts


def test_the_report_compares_this_year_with_the_same_days_of_the_last(isolated_dirs, tmp_path):
    log, _ = AttendanceLog.open(isolated_dirs["data"])
    for day, present, new in (("2025-02-04", 8, 2), ("2025-03-03", 10, 3), ("2025-11-04", 30, 5),
                              ("2026-02-03", 12, 4), ("2026-03-03", 14, 2)):  # fmt: skip
        log.save(record(day, "Tuesday circle", present, new, returning=1))
    log.close()
    target = tmp_path / "year.html"
    assert main(["attendance", "report", str(target), "--since", "2026-01"]) == 0
    page = read_page(target)
    header = page.rows.index(["year", "sessions", "attendances", "average", "first-timers",
                              "returning"])  # fmt: skip
    # 2026 up to its last session (3 March) against 1 January to 3 March 2025: November's
    # 30 is outside the same days.
    assert page.rows[header + 1 : header + 4] == [
        ["2025", "2", "18", "9.0", "5", "2"],
        ["2026", "2", "26", "13.0", "6", "2"],
        ["change", "0", "+8 (+44%)", "+4.0", "+1 (+20%)", "0"],
    ]
    assert "2026-01-01 to 2026-03-03 against the same days of 2025" in target.read_text()


def test_a_long_circle_name_is_cut_with_an_ellipsis_in_the_png(isolated_dirs):
    name = "The Thursday evening peer integration circle at the community garden, upstairs"
    log, _ = AttendanceLog.open(isolated_dirs["data"])
    log.save(record("2026-10-06", name, 4, 1))
    log.close()
    report = gather(AttendanceLog.read_only(isolated_dirs["data"]).records(), "all")
    drawn = texts(page_shapes(report, date(2026, 11, 28)))
    cut_names = [t for t in drawn if t.startswith("The Thursday") and t.endswith("…")]
    assert cut_names  # the table's cell (the chart's title has the whole width)
    assert all(name.startswith(t[:-1].rstrip()) for t in cut_names)
    assert name not in drawn
    assert cut(name, 1000, 9) == name and cut("abc", 0, 9) == "…"


def test_the_png_draws_accented_letters_with_a_real_font():
    """Pillow's own font draws é as a box: the report's font must know the letter."""
    face = font(False, 40)
    assert face.getmask("é").getbbox() != face.getmask("\ue000").getbbox()


def test_the_spanish_report_says_todo_on_its_totals_row(constructed, isolated_dirs, tmp_path):
    isolated_dirs["config"].parent.mkdir(parents=True, exist_ok=True)
    isolated_dirs["config"].write_text('language = "es"\n', encoding="utf-8")
    target = tmp_path / "informe.html"
    try:
        assert main(["attendance", "report", str(target)]) == 0
    finally:
        i18n.use("en")
    page = read_page(target)
    assert page.rows[4][0] == "todo" and "all" not in [row[0] for row in page.rows if row]
    assert '<html lang="es">' in target.read_text(encoding="utf-8")


def test_report_filters_like_the_summary(constructed, capsys, tmp_path):
    target = tmp_path / "monday.html"
    code, out, _ = run_cli(
        capsys, "attendance", "report", str(target), "--circle", "mon", "--since", "2026-01"
    )
    assert code == 0 and "24 sessions · 240 attendances" in out
    page = read_page(target)
    assert [row[0] for row in page.rows[:3]] == ["circle", "Monday circle", "all"]
    assert "Monday circle · from 2026-01-01" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report.pdf"], "report.pdf: expected a file name ending in .html or .png"),
        (["r.html", "--since", "2030-01"], "No sessions match (all circles · from 2030-01-01)."),
    ],
)
def test_a_report_that_cannot_be_written_says_why(constructed, capsys, tmp_path, argv, message):
    code, _, err = run_cli(capsys, "attendance", "report", str(tmp_path / argv[0]), *argv[1:])
    assert code == 2 and message in err
    assert not (tmp_path / argv[0]).exists()


def test_both_reports_are_written_without_any_chart_library(constructed, tmp_path):
    """A plain install has no matplotlib: the report must not need it (nor numpy)."""
    code = (
        "import sys\n"
        "for name in ('matplotlib', 'numpy'):\n"
        "    sys.modules[name] = None  # importing it now fails\n"
        "from circle_tui.cli import main\n"
        f"assert main(['attendance', 'report', {str(tmp_path / 'r.html')!r}]) == 0\n"
        f"assert main(['attendance', 'report', {str(tmp_path / 'r.png')!r}]) == 0\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "r.png").stat().st_size > 10_000


def test_year_on_year_takes_the_same_days_a_year_earlier():
    leap = year_on_year([], date(2024, 2, 29))
    assert (leap.since, leap.last_since, leap.last_until) == (
        date(2024, 1, 1),
        date(2023, 1, 1),
        date(2023, 2, 28),
    )
    with pytest.raises(ValueError):
        year_on_year([], date(2026, 6, 30), date(2025, 6, 30))  # a whole year: they overlap
