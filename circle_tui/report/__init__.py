"""A one-page attendance report to share, as self-contained HTML or as a PNG: the totals, a
table per circle, this year against the last, a month table, and each circle's months as
bars with their values.

Drawn with what circle-tui already has: inline SVG in the HTML, Pillow for the PNG. (A chart
library cost every facilitator some 150 MiB for one page a host prints now and then.)"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from circle_tui.core.record import AttendanceRecord
from circle_tui.core.summary import (
    CELL_HEADINGS,
    NOT_COUNTED,
    Tally,
    YearOnYear,
    average_cell,
    average_change,
    by_circle_and_month,
    came_back,
    change,
    months_between,
    overall,
    share,
    tally,
)
from circle_tui.i18n import N_, _, ngettext, number

#: Charts show at most this many months, the latest; the figures cover the whole period.
MAX_MONTHS = 36
#: A4 portrait, in inches: the page both reports are laid out for.
PAGE = (8.27, 11.69)
PNG_DPI = 150
FOOTNOTE = N_(
    "Counts only: no names, nothing anyone said. Returning: people there for the second time. "
    "Returned: second visits as a share of the first-timers of the sessions that counted "
    "returns (“of 72”: their first-timers, when not every session counted; “15 for 10” where "
    "more came back than came new; — where none counted). A month without sessions is empty, "
    "not 0."
)
#: The month table's columns, January first; translated where shown.
MONTH_ABBREVIATIONS = (
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)
#: A month table cell for a month the report does not cover (before its first session or
#: after its last): not "no sessions", only not asked.
OUTSIDE = None


@dataclass(frozen=True)
class Report:
    """What the report says, worked out once for both kinds of file."""

    title: str
    total: Tally
    circles: list[Tally]
    per_circle: dict[str, dict[str, Tally]]
    months: list[str]  # the months charted
    period_months: int  # the months the sessions span (more than charted on a long log)
    by_month: dict[str, Tally]  # every circle together, per month that had sessions
    by_year: dict[str, Tally]
    compared: YearOnYear | None = None


def gather(
    records: Sequence[AttendanceRecord],
    title: str,
    compared: YearOnYear | None = None,
    names: Mapping[str, str] | None = None,
) -> Report:
    first, last = records[0].date[:7], records[-1].date[:7]
    months = months_between(min(first, last), max(first, last))
    return Report(
        title=title,
        total=overall(records),
        circles=tally(records, "circle", names),
        per_circle=by_circle_and_month(records, names),
        months=months[-MAX_MONTHS:],
        period_months=len(months),
        by_month={t.group: t for t in tally(records, "month")},
        by_year={t.group: t for t in tally(records, "year")},
        compared=compared,
    )


# -- the words both reports use -------------------------------------------------------------
def headline(report: Report) -> list[tuple[str, str]]:
    """The big figures at the top: (figure, what it counts). The last one is whether
    first-timers came back, in the words of `came_back`, which say what it is out of."""
    t = report.total
    value = t.returned_share
    back = (
        NOT_COUNTED
        if t.returning is None
        else share(value)
        if value is not None and value <= 1
        else number(t.returning)
    )
    return [
        (number(t.sessions), ngettext("session", "sessions", t.sessions)),
        (number(t.attendances), ngettext("attendance", "attendances", t.attendances)),
        (number(t.average, 1), _("per session")),
        (number(t.first_timers), ngettext("first-timer", "first-timers", t.first_timers)),
        (back, came_back(t)),
    ]


def chart_title(report: Report) -> str:
    shown = len(report.months)
    if shown < report.period_months:
        return _("Attendances per month, the last {shown} of {total} months").format(
            shown=shown, total=report.period_months
        )
    return _("Attendances per month")


def headings() -> list[str]:
    """The per-circle table's headings, in the host's language."""
    return [_("circle"), *map(_, CELL_HEADINGS)]


def table_rows(report: Report) -> list[list[str]]:
    """The per-circle table, the totals last (as "all" in the host's language)."""
    rows = [[t.group, *t.cells()] for t in report.circles]
    rows.append([_("all"), *report.total.cells()])
    return rows


def written(report: Report, today: date) -> str:
    return _("{title} · written {date} by circle-tui").format(
        title=report.title, date=today.isoformat()
    )


def month_table(report: Report) -> list[tuple[str, list[Tally | None | str], Tally]]:
    """Per year of the charted months: each calendar month's figures (a Tally; "" for a
    month of the report without sessions; OUTSIDE for one it does not cover), and the
    year's."""
    covered = months_between(report.months[0], report.months[-1])
    years = sorted({m[:4] for m in covered})
    table: list[tuple[str, list[Tally | None | str], Tally]] = []
    for year in years:
        cells: list[Tally | None | str] = []
        for month in range(1, 13):
            key = f"{year}-{month:02d}"
            cells.append(report.by_month.get(key) or ("" if key in covered else OUTSIDE))
        table.append((year, cells, report.by_year[year]))
    return table


def month_cell(cell: Tally | None | str) -> str:
    """`56 (6)`: attendances and, in brackets, sessions; empty when the month had none."""
    if not isinstance(cell, Tally):
        return ""
    return f"{number(cell.attendances)} ({number(cell.sessions)})"


def month_table_title() -> str:
    return _("Each month: attendances (sessions)")


def comparison_title(found: YearOnYear) -> str:
    return _("{this} against the same days of {last}").format(
        this=_("{since} to {until}").format(since=found.since, until=found.until),
        last=found.last_until.year,
    )


def comparison_rows(found: YearOnYear) -> list[list[str]]:
    """Last year, this year and the change, under `comparison_headings`."""
    last, this = found.last, found.this

    def figures(t: Tally) -> list[str]:
        back = NOT_COUNTED if t.returning is None else number(t.returning)
        return [
            number(t.sessions),
            number(t.attendances),
            average_cell(t),
            number(t.first_timers),
            back,
        ]

    back_change = (
        change(this.returning, last.returning)
        if this.returning is not None and last.returning is not None
        else ""
    )
    return [
        [last.group, *figures(last)],
        [this.group, *figures(this)],
        [
            _("change"),
            change(this.sessions, last.sessions),
            change(this.attendances, last.attendances),
            average_change(this, last),
            change(this.first_timers, last.first_timers),
            back_change,
        ],
    ]


def comparison_headings() -> list[str]:
    return [_("year"), *map(_, CELL_HEADINGS[:5])]


def report_bytes(
    suffix: str,
    records: Sequence[AttendanceRecord],
    title: str,
    today: date | None = None,
    compared: YearOnYear | None = None,
    names: Mapping[str, str] | None = None,
) -> bytes:
    """The report for `records` (sorted, at least one) as a whole .html or .png file, made in
    memory: the caller writes it atomically, so a report that fails half-way leaves an older
    one as it was. `names`: each circle's name (`circle_names` of the whole log)."""
    report = gather(records, title, compared, names)
    today = today or date.today()
    if suffix.lower() == ".html":
        from circle_tui.report.html import html_report

        payload = html_report(report, today).encode("utf-8")
    else:
        from circle_tui.report.png import png_bytes

        payload = png_bytes(report, today)
    return payload
