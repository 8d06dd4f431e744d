"""The report as one HTML file that opens offline and prints on one A4 page: no scripts,
links, images or fonts from elsewhere; the charts are inline SVG in the page's own font."""

from __future__ import annotations

import html
from datetime import date

from circle_tui.core.summary import came_back
from circle_tui.i18n import _, current
from circle_tui.report import (
    FOOTNOTE,
    MONTH_ABBREVIATIONS,
    OUTSIDE,
    Report,
    chart_title,
    comparison_headings,
    comparison_rows,
    comparison_title,
    headings,
    headline,
    month_cell,
    month_table,
    month_table_title,
    table_rows,
    written,
)
from circle_tui.report.charts import chart_shapes, grid
from circle_tui.report.shapes import svg

#: The printable width of the page (A4 less 12 mm margins each side), in points: the charts'
#: SVG is drawn at this width, so its points are the page's.
WIDTH_PT = 186 / 25.4 * 72
#: The printable height, and roughly what each part of the page takes of it (points).
HEIGHT_PT = 273 / 25.4 * 72
_TOP_PT = 175  # title, period, the big figures (their last label may take four lines)
_ROW_PT = 17  # a table row
_SMALL_ROW_PT = 14  # a row of the smaller tables
_PART_PT = 34  # a heading and the space around a part
_FOOT_PT = 50

STYLE = """
@page { size: A4 portrait; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1d;
       margin: 0 auto; max-width: 186mm; padding: 6mm 0; line-height: 1.35; }
h1 { font-size: 20pt; margin: 0; }
.period { color: #555; margin: 1mm 0 4mm; }
.figures { display: flex; gap: 3mm; margin-bottom: 4mm; }
.figures div { flex: 1; border: 1px solid #d8d8d8; border-radius: 2mm; padding: 2mm 3mm; }
.figures div:last-child { flex: 2.2; }
.figures b { display: block; font-size: 17pt; }
.figures span { color: #555; font-size: 8.5pt; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin-bottom: 3mm; }
th, td { padding: 0.8mm 1.6mm; border-bottom: 1px solid #e2e2e2; text-align: right;
         white-space: nowrap; }
th:first-child, td:first-child { text-align: left; max-width: 62mm; white-space: nowrap;
                                 overflow: hidden; text-overflow: ellipsis; }
tfoot td { font-weight: bold; border-bottom: none; }
table.small { font-size: 8pt; }
table.small th, table.small td { padding: 0.5mm 1mm; }
td.outside { background: #f3f3f3; }
table.months td:last-child { font-weight: bold; }
h2 { font-size: 10.5pt; margin: 0 0 1mm; }
p.back { font-size: 8.5pt; color: #555; margin: -2mm 0 3mm; }
figure { margin: 0; }
figure svg { width: 100%; height: auto; display: block; }
footer { color: #555; font-size: 8pt; margin-top: 2mm; }
@media print { body { padding: 0; } }
"""


def chart_height(report: Report) -> float:
    """What the page leaves for the charts (points), between a floor that keeps bars
    readable and a ceiling that keeps one circle's chart from filling the page."""
    used = _TOP_PT + _PART_PT + _ROW_PT * (len(report.circles) + 2) + _FOOT_PT
    if report.compared is not None:
        used += _PART_PT + _SMALL_ROW_PT * 4 + 12
    used += _PART_PT + _SMALL_ROW_PT * (len(month_table(report)) + 1)
    rows, _columns = grid(len(report.per_circle))
    return max(150.0, 45.0 * rows, min(HEIGHT_PT - used, 150.0 * rows))


def charts_svg(report: Report) -> str:
    height = chart_height(report)
    shapes = chart_shapes(report.per_circle, report.circles, report.months, WIDTH_PT, height)
    return svg(shapes, WIDTH_PT, height, chart_title(report))


def html_report(report: Report, today: date) -> str:
    """The whole report as one HTML file: no scripts, links, external fonts or images."""
    e = html.escape
    figures = "".join(
        f"<div><b>{e(value)}</b><span>{e(label)}</span></div>" for value, label in headline(report)
    )

    def cells(row: list[str], tag: str = "td") -> str:
        return "".join(f"<{tag}>{e(cell)}</{tag}>" for cell in row)

    rows = table_rows(report)
    body = "".join(f"<tr>{cells(row)}</tr>" for row in rows[:-1])
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
<thead><tr>{cells(headings(), "th")}</tr></thead>
<tbody>{body}</tbody>
<tfoot><tr>{cells(rows[-1])}</tr></tfoot>
</table>
{_comparison(report)}{_months(report)}<h2>{e(chart_title(report))}</h2>
<figure>{charts_svg(report)}</figure>
<footer>{e(_(FOOTNOTE))}</footer>
</body>
</html>
"""


def _comparison(report: Report) -> str:
    found = report.compared
    if found is None:
        return ""
    e = html.escape
    head = "".join(f"<th>{e(h)}</th>" for h in comparison_headings())
    rows = comparison_rows(found)
    body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows[:-1])
    foot = "<tr>" + "".join(f"<td>{e(c)}</td>" for c in rows[-1]) + "</tr>"
    back = " · ".join(f"{t.group}: {came_back(t)}" for t in (found.last, found.this))
    return (
        f'<h2>{e(comparison_title(found))}</h2>\n<table class="small">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody><tfoot>{foot}</tfoot></table>\n"
        f'<p class="back">{e(back)}</p>\n'
    )


def _months(report: Report) -> str:
    e = html.escape
    head = "".join(f"<th>{e(_(m))}</th>" for m in MONTH_ABBREVIATIONS)
    body = ""
    for year, cells, total in month_table(report):
        tds = "".join(
            '<td class="outside"></td>' if cell is OUTSIDE else f"<td>{e(month_cell(cell))}</td>"
            for cell in cells
        )
        body += f"<tr><td>{e(year)}</td>{tds}<td>{e(month_cell(total))}</td></tr>"
    return (
        f'<h2>{e(month_table_title())}</h2>\n<table class="small months">'
        f"<thead><tr><th>{e(_('year'))}</th>{head}<th>{e(_('all'))}</th></tr></thead>"
        f"<tbody>{body}</tbody></table>\n"
    )
