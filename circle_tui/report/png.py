"""The report as one A4 page in pixels, painted by Pillow: the same parts as the HTML page,
laid out here in points so the table takes the room its rows need and the charts the rest."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence
from datetime import date

from circle_tui.core.summary import came_back
from circle_tui.i18n import _
from circle_tui.report import (
    FOOTNOTE,
    MONTH_ABBREVIATIONS,
    OUTSIDE,
    PAGE,
    PNG_DPI,
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
from circle_tui.report.charts import chart_shapes
from circle_tui.report.shapes import GREY, RULE, Box, Rule, Shape, Text, cut, paint, wrap

WIDTH_PT, HEIGHT_PT = PAGE[0] * 72, PAGE[1] * 72
MARGIN = 43.0  # 0.6 inch
CONTENT = WIDTH_PT - 2 * MARGIN
HEADING_SIZE = 10.5
TABLE_SIZE = 8.5
SMALL_SIZE = 7.5
#: The circle column's share of the page's width; a longer name ends in "…".
NAME_SHARE = 0.22


def moved(shapes: Sequence[Shape], dx: float, dy: float) -> list[Shape]:
    """`shapes` shifted by (dx, dy) points."""
    out: list[Shape] = []
    for s in shapes:
        if isinstance(s, Rule):
            out.append(
                dataclasses.replace(s, x1=s.x1 + dx, y1=s.y1 + dy, x2=s.x2 + dx, y2=s.y2 + dy)
            )
        else:
            out.append(dataclasses.replace(s, x=s.x + dx, y=s.y + dy))
    return out


def table(
    rows: Sequence[Sequence[str]],
    top: float,
    widths: Sequence[float],
    size: float,
    bold_rows: Sequence[int] = (0,),
    shaded: Sequence[tuple[int, int]] = (),
) -> tuple[list[Shape], float]:
    """A table from `top`: the first column left-aligned and cut with "…" to its width, the
    others right-aligned; a rule under each row. Returns its shapes and where it ends."""
    shapes: list[Shape] = []
    height = size * 1.75
    for r, row in enumerate(rows):
        bold = r in bold_rows or (r - len(rows)) in bold_rows
        x = MARGIN
        baseline = top + height * r + size * 1.25
        for c, (cell, w) in enumerate(zip(row, widths, strict=True)):
            if (r, c) in shaded:
                shapes.append(Box(x + 1, top + height * r + 1, w - 2, height - 2, "#f3f3f3"))
            if c == 0:
                shapes.append(Text(x + 2, baseline, cut(cell, w - 4, size, bold), size, bold=bold))
            else:
                shapes.append(Text(x + w - 3, baseline, cell, size, "end", bold=bold))
            x += w
        line = top + height * (r + 1)
        shapes.append(Rule(MARGIN, line, MARGIN + sum(widths), line, RULE))
    return shapes, top + height * len(rows)


def page_shapes(report: Report, today: date) -> list[Shape]:
    """Everything on the page, top to bottom."""
    shapes: list[Shape] = [
        Text(MARGIN, MARGIN + 22, _("Attendance"), 22, bold=True),
        Text(MARGIN, MARGIN + 40, written(report, today), 10, colour=GREY),
    ]
    y = MARGIN + 62
    # The big figures: four narrow columns and a wide one for whether first-timers came back.
    shares = (1, 1, 1, 1, 2.2)
    x = MARGIN
    lowest = y
    for (value, label), part in zip(headline(report), shares, strict=True):
        w = CONTENT * part / sum(shares)
        shapes.append(Text(x, y + 17, value, 17, bold=True))
        for n, line in enumerate(wrap(label, w - 8, 8)[:4]):
            shapes.append(Text(x, y + 31 + 10 * n, line, 8, colour=GREY))
            lowest = max(lowest, y + 31 + 10 * n)
        x += w
    y = lowest + 14

    name = CONTENT * NAME_SHARE
    rest = (CONTENT - name) / (len(headings()) - 1)
    rows = [headings(), *table_rows(report)]
    drawn, y = table(rows, y, [name] + [rest] * (len(rows[0]) - 1), TABLE_SIZE, (0, -1))
    shapes += drawn
    y += 14

    found = report.compared
    if found is not None:
        shapes.append(Text(MARGIN, y + HEADING_SIZE, comparison_title(found), HEADING_SIZE,
                           bold=True))  # fmt: skip
        y += HEADING_SIZE + 5
        rows = [comparison_headings(), *comparison_rows(found)]
        drawn, y = table(rows, y, [name] + [rest] * 5, SMALL_SIZE, (0, -1))
        shapes += drawn
        back = " · ".join(f"{t.group}: {came_back(t)}" for t in (found.last, found.this))
        for line in wrap(back, CONTENT, SMALL_SIZE):
            y += SMALL_SIZE + 3
            shapes.append(Text(MARGIN, y, line, SMALL_SIZE, colour=GREY))
        y += 14

    shapes.append(Text(MARGIN, y + HEADING_SIZE, month_table_title(), HEADING_SIZE, bold=True))
    y += HEADING_SIZE + 5
    months = month_table(report)
    rows = [[_("year"), *map(_, MONTH_ABBREVIATIONS), _("all")]]
    shaded = []
    for r, (year, cells, total) in enumerate(months, start=1):
        rows.append([year, *map(month_cell, cells), month_cell(total)])
        shaded += [(r, c) for c, cell in enumerate(cells, start=1) if cell is OUTSIDE]
    first = 30.0
    last = CONTENT * 0.1
    widths = [first] + [(CONTENT - first - last) / 12] * 12 + [last]
    drawn, y = table(rows, y, widths, SMALL_SIZE, (0,), shaded)
    shapes += drawn
    y += 14

    foot = wrap(_(FOOTNOTE), CONTENT, SMALL_SIZE)
    foot_top = HEIGHT_PT - MARGIN - (SMALL_SIZE + 2.5) * len(foot)
    shapes.append(Text(MARGIN, y + HEADING_SIZE, chart_title(report), HEADING_SIZE, bold=True))
    y += HEADING_SIZE + 8
    height = foot_top - 12 - y
    charts = chart_shapes(report.per_circle, report.circles, report.months, CONTENT, height)
    shapes += moved(charts, MARGIN, y)
    for n, line in enumerate(foot):
        shapes.append(Text(MARGIN, foot_top + (SMALL_SIZE + 2.5) * (n + 1), line, SMALL_SIZE,
                           colour=GREY))  # fmt: skip
    return shapes


def png_bytes(report: Report, today: date) -> bytes:
    """The page as a PNG file's bytes, A4 at PNG_DPI."""
    image = paint(page_shapes(report, today), WIDTH_PT, HEIGHT_PT, PNG_DPI)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(PNG_DPI, PNG_DPI), optimize=True)
    return out.getvalue()
