"""A one-page attendance report to share, as self-contained HTML or as a PNG: totals, each
circle's months on one scale, and whether first-timers come back.

matplotlib is imported here and nowhere else: the live circle never pays for it (a test
keeps it off the app's import path)."""

from __future__ import annotations

import html
import io
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from circle_tui.core.record import AttendanceRecord, counted
from circle_tui.core.summary import (
    CELL_HEADINGS,
    Tally,
    by_circle_and_month,
    months_between,
    overall,
    share,
    tally,
)
from circle_tui.i18n import N_, _, current, ngettext, number

if TYPE_CHECKING:
    from matplotlib.figure import Figure, SubFigure

#: Charts show at most this many months, the latest; the figures cover the whole period.
MAX_MONTHS = 36
#: A4 portrait, in inches: the page both reports are laid out for.
PAGE = (8.27, 11.69)
PNG_DPI = 150
BAR_COLOUR = "#2f5f8a"
FOOTNOTE = N_(
    "Counts only: no names, nothing anyone said. Returning: people there for the second time. "
    "Returned: second visits as a share of first visits, over the sessions that counted both "
    "(— where none did)."
)


@dataclass(frozen=True)
class Report:
    """What the report says, worked out once for both kinds of file."""

    title: str
    total: Tally
    circles: list[Tally]
    per_circle: dict[str, dict[str, Tally]]
    months: list[str]  # the months charted
    period_months: int  # the months the sessions span (more than charted on a long log)


def gather(records: Sequence[AttendanceRecord], title: str) -> Report:
    first, last = records[0].date[:7], records[-1].date[:7]
    months = months_between(min(first, last), max(first, last))
    return Report(
        title=title,
        total=overall(records),
        circles=tally(records, "circle"),
        per_circle=by_circle_and_month(records),
        months=months[-MAX_MONTHS:],
        period_months=len(months),
    )


def headline(report: Report) -> list[tuple[str, str]]:
    """The big figures at the top: (figure, what it counts)."""
    t = report.total
    return [
        (number(t.sessions), ngettext("session", "sessions", t.sessions)),
        (number(t.attendances), ngettext("attendance", "attendances", t.attendances)),
        (number(t.average, 1), _("per session")),
        (number(t.first_timers), ngettext("first-timer", "first-timers", t.first_timers)),
        (share(t.returned_share), _("first-timers came back")),
    ]


def chart_title(report: Report) -> str:
    shown = len(report.months)
    if shown < report.period_months:
        return _("Attendances per month, the last {shown} of {total} months").format(
            shown=shown, total=report.period_months
        )
    return _("Attendances per month")


# -- charts ---------------------------------------------------------------------------------------
def chart_grid(report: Report) -> tuple[int, int]:
    """Rows and columns of charts: one column for up to three circles, then two."""
    columns = 1 if len(report.per_circle) <= 3 else 2
    return -(-len(report.per_circle) // columns), columns


def draw_charts(figure: Figure | SubFigure, report: Report) -> None:
    """One bar chart per circle, all on one scale (shared y axis), the same months on each."""
    from matplotlib.ticker import MaxNLocator

    names = list(report.per_circle)
    rows, columns = chart_grid(report)
    title_room = 90 if columns == 1 else 44  # characters that fit above one chart
    axes = figure.subplots(rows, columns, sharey=True, squeeze=False)
    positions = range(len(report.months))
    step = max(1, -(-len(report.months) // (12 if columns == 1 else 6)))
    for index, ax in enumerate(axes.flat):
        if index >= len(names):
            ax.set_visible(False)
            continue
        months = report.per_circle[names[index]]
        heights = [months[m].attendances if m in months else 0 for m in report.months]
        ax.bar(positions, heights, width=0.8, color=BAR_COLOUR)
        circle = next(t for t in report.circles if t.group == names[index])
        figures = " — " + _("{attendances} in {sessions}").format(
            attendances=number(circle.attendances), sessions=counted(circle.sessions, "session")
        )
        name = _short(names[index], max(8, title_room - len(figures)))
        # parse_math off: a circle's name is text, never TeX ("$5 circle").
        ax.set_title(name + figures, loc="left", fontsize=9, parse_math=False)
        ax.set_xticks(list(positions)[::step], report.months[::step], fontsize=7, rotation=0)
        ax.tick_params(axis="y", labelsize=7)
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        # A short log's few bars keep the width a year of them would have.
        ax.set_xlim(-0.6, max(len(report.months), 12) - 0.4)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))


def _short(name: str, room: int) -> str:
    return name if len(name) <= room else name[: room - 1] + "…"


def _svg(report: Report) -> str:
    """The charts as inline SVG: glyphs drawn as paths (no font needed), no metadata, and no
    namespace URLs (HTML5 knows the SVG namespace without them)."""
    import matplotlib
    from matplotlib.figure import Figure

    rows, _columns = chart_grid(report)
    # What an A4 page has left below the title, the figures and a table row per circle.
    height = max(2.5, min(6.2, 0.6 + 1.75 * rows, 7.4 - 0.3 * len(report.circles)))
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "circle-tui"}):
        figure = Figure(figsize=(7.2, height), layout="constrained")
        draw_charts(figure, report)
        out = io.StringIO()
        figure.savefig(
            out, format="svg", metadata=dict.fromkeys(("Creator", "Date", "Format", "Type"))
        )
    svg = out.getvalue()
    svg = svg[svg.index("<svg") :]
    return re.sub(r' xmlns(:xlink)?="[^"]*"', "", svg, count=2)


# -- HTML ----------------------------------------------------------------------------------------
STYLE = """
@page { size: A4 portrait; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1d;
       margin: 0 auto; max-width: 186mm; padding: 6mm 0; line-height: 1.35; }
h1 { font-size: 20pt; margin: 0; }
.period { color: #555; margin: 1mm 0 5mm; }
.figures { display: flex; gap: 4mm; margin-bottom: 5mm; }
.figures div { flex: 1; border: 1px solid #d8d8d8; border-radius: 2mm; padding: 2mm 3mm; }
.figures b { display: block; font-size: 17pt; }
.figures span { color: #555; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin-bottom: 4mm; }
th, td { padding: 1mm 2mm; border-bottom: 1px solid #e2e2e2; text-align: right; }
th:first-child, td:first-child { text-align: left; max-width: 62mm; white-space: nowrap;
                                 overflow: hidden; text-overflow: ellipsis; }
tfoot td { font-weight: bold; border-bottom: none; }
h2 { font-size: 11pt; margin: 0 0 1mm; }
figure { margin: 0; }
figure svg { width: 100%; height: auto; }
footer { color: #555; font-size: 8.5pt; margin-top: 3mm; }
@media print { body { padding: 0; } }
"""


def headings() -> list[str]:
    """The per-circle table's headings, in the host's language."""
    return [_("circle"), *map(_, CELL_HEADINGS)]


def written(report: Report, today: date) -> str:
    return _("{title} · written {date} by circle-tui").format(
        title=report.title, date=today.isoformat()
    )


def html_report(report: Report, today: date) -> str:
    """The whole report as one HTML file: no scripts, links, external fonts or images."""
    e = html.escape
    figures = "".join(
        f"<div><b>{e(value)}</b><span>{e(label)}</span></div>" for value, label in headline(report)
    )
    head = "".join(f"<th>{e(name)}</th>" for name in headings())

    def row(t: Tally) -> str:
        return f"<td>{e(t.group)}</td>" + "".join(f"<td>{e(c)}</td>" for c in t.cells())

    body = "".join(f"<tr>{row(t)}</tr>" for t in report.circles)
    return f"""<!doctype html>
<html lang="{current()}">
<head>
<meta charset="utf-8">
<title>{e(_("Attendance"))} — {e(report.title)}</title>
<style>{STYLE}</style>
</head>
<body>
<h1>{e(_("Attendance"))}</h1>
<p class="period">{e(written(report, today))}</p>
<section class="figures">{figures}</section>
<table>
<thead><tr>{head}</tr></thead>
<tbody>{body}</tbody>
<tfoot><tr>{row(report.total)}</tr></tfoot>
</table>
<h2>{e(chart_title(report))}</h2>
<figure>{_svg(report)}</figure>
<footer>{e(_(FOOTNOTE))}</footer>
</body>
</html>
"""


# -- PNG ----------------------------------------------------------------------------------------
def png_figure(report: Report, today: date) -> Figure:
    """The whole report as one A4 page: title, big figures, the per-circle table, charts,
    laid out in inches so the table takes the room its rows need and the charts the rest."""
    from matplotlib.figure import Figure

    width, height = PAGE
    rows = [[_short(t.group, 26), *t.cells()] for t in [*report.circles, report.total]]
    table_height = 0.24 * (len(rows) + 1)
    top_height = 2.2 + table_height + 0.35
    foot_height = 0.6
    figure = Figure(figsize=PAGE, dpi=PNG_DPI)
    top, charts, foot = figure.subfigures(
        3, 1, height_ratios=[top_height, height - top_height - foot_height, foot_height]
    )
    left = 0.6 / width  # margins in inches, as fractions of the page

    def at(inches: float) -> float:  # a height in the top part, from its top edge
        return 1 - inches / top_height

    top.text(left, at(0.45), _("Attendance"), fontsize=22, weight="bold", va="top")
    top.text(
        left, at(0.95), written(report, today),
        fontsize=10, color="#555555", va="top", parse_math=False,
    )  # fmt: skip
    for index, (value, label) in enumerate(headline(report)):
        x = left + index * 0.18
        top.text(x, at(1.4), value, fontsize=17, weight="bold", va="top")
        top.text(x, at(1.8), label, fontsize=8, color="#555555", va="top")
    table_ax = top.add_axes((left, at(2.2 + table_height), 1 - 2 * left, table_height / top_height))
    table_ax.axis("off")
    table = table_ax.table(
        cellText=rows,
        colLabels=headings(),
        colWidths=[0.22] + [0.13] * len(CELL_HEADINGS),
        cellLoc="right",
        bbox=(0, 0, 1, 1),
    )
    table.auto_set_font_size(False)
    table.set_fontsize(8.5)
    for (row, column), cell in table.get_celld().items():
        cell.set_edgecolor("#e2e2e2")
        cell.get_text().set_parse_math(False)  # a circle's name is text, never TeX
        if column == 0:
            cell.set_text_props(ha="left")
            cell.PAD = 0.03
        if row == 0 or row == len(rows):
            cell.set_text_props(weight="bold")
    charts.suptitle(chart_title(report), x=left, ha="left", fontsize=11, weight="bold")
    chart_height = height - top_height - foot_height
    # Charts no taller than 2.4 inches a row: one circle's chart is not a page-high bar.
    used = 0.65 + 2.4 * chart_grid(report)[0]
    charts.subplots_adjust(
        left=left + 0.02,
        right=1 - left,
        top=1 - 0.65 / chart_height,
        bottom=max(0.05, 1 - used / chart_height),
        hspace=0.6,
    )
    draw_charts(charts, report)
    foot.text(
        left,
        0.8,
        "\n".join(textwrap.wrap(_(FOOTNOTE), 125)),
        fontsize=7.5,
        color="#555555",
        va="top",
    )
    return figure


def write_report(
    path: Path, records: Sequence[AttendanceRecord], title: str, today: date | None = None
) -> None:
    """Write the report for `records` (sorted, at least one) to `path`, .html or .png.

    Made whole in memory first: a report that fails half-way leaves an older file as it was.
    Not through storage/atomic: that makes the folder private, and a report goes where the
    host chooses (the Desktop, a shared folder)."""
    report = gather(records, title)
    today = today or date.today()
    if path.suffix.lower() == ".html":
        payload = html_report(report, today).encode("utf-8")
    else:
        out = io.BytesIO()
        png_figure(report, today).savefig(out, format="png", dpi=PNG_DPI)
        payload = out.getvalue()
    path.write_bytes(payload)
