"""`circle-tui attendance report`: one page to share, HTML or PNG, whose figures match the
constructed log's (known by construction, tests/test_summary.py), and which never loads on the
live circle's path."""

import json
import re
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser

import pytest
from matplotlib.text import Text
from PIL import Image

from circle_tui.cli import main
from circle_tui.report import PAGE, PNG_DPI, gather, png_figure
from circle_tui.storage.attendance import AttendanceLog
from tests.helpers import constructed_log, run_cli
from tests.test_summary import CIRCLES


@pytest.fixture
def constructed(isolated_dirs):
    constructed_log(isolated_dirs["data"])
    return isolated_dirs["data"]


HEADLINE = ["216", "2,232", "10.3", "324", "33%"]
TOTAL_ROW = ["all", "216", "2,232", "10.3", "324", "72", "33%"]


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
                "33%",
            ]
        )
    return rows


class Cells(HTMLParser):
    """The text of every table row, and of the headline figures, of an HTML report."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.figures: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th", "b"):
            self._in = tag

    def handle_endtag(self, tag):
        self._in = None if tag in ("td", "th", "b") else self._in

    def handle_data(self, data):
        if self._in in ("td", "th"):
            self.rows[-1].append(data)
        elif self._in == "b":
            self.figures.append(data)


def test_the_html_report_has_the_constructed_figures(constructed, capsys, tmp_path):
    target = tmp_path / "report.html"
    code, out, _ = run_cli(capsys, "attendance", "report", str(target))
    assert code == 0 and out.startswith(f"wrote {target}: 216 sessions · 2,232 attendances")
    page = Cells()
    page.feed(target.read_text(encoding="utf-8"))
    assert page.figures == HEADLINE
    assert page.rows[0] == ["circle", "sessions", "attendances", "average", "first-timers",
                            "returning", "returned"]  # fmt: skip
    assert page.rows[1:-1] == circle_rows()
    assert page.rows[-1] == TOTAL_ROW


def test_the_html_report_is_self_contained_and_made_for_one_printed_page(constructed, tmp_path):
    target = tmp_path / "report.html"
    main(["attendance", "report", str(target)])
    text = target.read_text(encoding="utf-8")
    for outside in ("<script", "<link", "<img", "<iframe", "@import", "@font-face", "http", "//"):
        assert outside not in text.lower(), outside
    assert set(re.findall(r"url\((.)", text)) <= {"#"}  # only the SVG's own clip paths
    assert text.count("<svg") == 1 and "@page { size: A4 portrait" in text
    assert "<text" not in text  # letters drawn as paths: the charts need no font


def test_circle_names_are_text_in_html_and_never_markup(isolated_dirs, tmp_path):
    from tests.helpers import record

    log, _ = AttendanceLog.open(isolated_dirs["data"])
    log.save(record(circle="<b>Bold</b> & $x^2$ circle"))
    target = tmp_path / "report.html"
    assert main(["attendance", "report", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; $x^2$ circle" in text and "<b>Bold</b>" not in text
    assert main(["attendance", "report", str(tmp_path / "report.png")]) == 0  # no TeX error


def test_the_png_report_is_one_a4_page_with_the_constructed_figures(constructed, capsys, tmp_path):
    target = tmp_path / "report.png"
    code, _, _ = run_cli(capsys, "attendance", "report", str(target))
    assert code == 0
    with Image.open(target) as image:
        assert image.format == "PNG"
        width, height = image.size  # A4 at PNG_DPI, to the pixel
        assert width == round(PAGE[0] * PNG_DPI) and abs(height - PAGE[1] * PNG_DPI) < 1
    records = AttendanceLog.read_only(constructed).records()
    figure = png_figure(gather(records, "all circles · all dates"), date(2026, 11, 28))
    texts = [t.get_text() for t in figure.findobj(Text)]
    assert all(value in texts for value in HEADLINE)
    (table,) = [t for ax in figure.get_axes() for t in ax.tables]
    cells = table.get_celld()
    rows = [[cells[r, c].get_text().get_text() for c in range(7)] for r in range(5)]
    assert rows[1:] == [*circle_rows(), TOTAL_ROW]
    titles = {t for t in texts if " in 72 sessions" in t}
    assert titles == {
        "Monday circle — 720 in 72 sessions",
        "Saturday morning — 504 in 72 sessions",
        "Wednesday circle — 1,008 in 72 sessions",
    }


def test_the_charts_share_one_scale_and_the_months(constructed):
    records = AttendanceLog.read_only(constructed).records()
    report = gather(records, "all")
    figure = png_figure(report, date(2026, 11, 28))
    charts = [ax for ax in figure.get_axes() if ax.get_title(loc="left").endswith("sessions")]
    assert len(charts) == 3
    assert len({ax.get_ylim() for ax in charts}) == 1  # one scale: growth compares by eye
    heights = {
        ax.get_title(loc="left").split(" — ")[0]: [p.get_height() for p in ax.patches]
        for ax in charts
    }
    # Month i: 2 base + 2 + 2 (i % 3); the construction again, not the summary's code.
    assert heights["Wednesday circle"] == [2 * 12 + 2 + 2 * (i % 3) for i in range(36)]
    assert heights["Saturday morning"][:3] == [12, 14, 16]


def test_report_filters_like_the_summary(constructed, capsys, tmp_path):
    target = tmp_path / "monday.html"
    code, out, _ = run_cli(
        capsys, "attendance", "report", str(target), "--circle", "mon", "--since", "2026-01"
    )
    assert code == 0 and "24 sessions · 240 attendances" in out
    page = Cells()
    page.feed(target.read_text(encoding="utf-8"))
    assert [row[0] for row in page.rows] == ["circle", "Monday circle", "all"]
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


def test_the_live_circle_never_imports_matplotlib():
    code = (
        "import json, sys, importlib, pkgutil\n"
        "import circle_tui.ui.app, circle_tui.ui.screens as screens\n"
        "for m in pkgutil.iter_modules(screens.__path__):\n"
        "    importlib.import_module('circle_tui.ui.screens.' + m.name)\n"
        "from circle_tui.cli import main\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []
