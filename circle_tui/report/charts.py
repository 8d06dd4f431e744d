"""Each circle's months as bars, every circle on one scale and over the same months, each bar
with its value; a month without a session has no bar and no value (it is not a zero)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from circle_tui.core.record import counted
from circle_tui.core.summary import Tally
from circle_tui.i18n import _, number
from circle_tui.report.shapes import GREY, RULE, Box, Rule, Shape, Text, cut, width

BAR = "#2f5f8a"
TITLE_SIZE = 9.0
TICK_SIZE = 6.5
VALUE_SIZE = 7.0
#: Below this a value is turned upright along its bar rather than shrunk any further.
SMALLEST_VALUE = 5.0
#: A short log's few bars keep the width a year of them would have.
LEAST_SLOTS = 12
GAP = 16.0  # points between two charts side by side, or one above the other


def grid(circles: int) -> tuple[int, int]:
    """Rows and columns of charts: one column for up to three circles, then two."""
    columns = 1 if circles <= 3 else 2
    return -(-circles // columns), columns


def nice_top(largest: int) -> tuple[int, int]:
    """The scale's top and its step: a round number at or above `largest`, in steps of 1, 2
    or 5 times a power of ten, about four of them."""
    if largest <= 0:
        return 1, 1
    rough = largest / 4
    power = 10 ** math.floor(math.log10(rough)) if rough >= 1 else 1
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    return step * -(-largest // step), step


def chart_shapes(
    per_circle: dict[str, dict[str, Tally]],
    circles: Sequence[Tally],
    months: Sequence[str],
    width_pt: float,
    height_pt: float,
) -> list[Shape]:
    """Every circle's chart, laid out in a grid filling `width_pt` × `height_pt`."""
    names = list(per_circle)
    rows, columns = grid(len(names))
    panel_width = (width_pt - GAP * (columns - 1)) / columns
    panel_height = min(190.0, (height_pt - GAP * (rows - 1)) / rows)
    top = max(
        (t.attendances for months_of in per_circle.values() for m, t in months_of.items()
         if m in months),
        default=0,
    )  # fmt: skip
    scale = nice_top(top)
    totals = {t.group: t for t in circles}
    shapes: list[Shape] = []
    for index, name in enumerate(names):
        row, column = divmod(index, columns)
        shapes += panel(
            name,
            totals[name],
            per_circle[name],
            months,
            scale,
            column * (panel_width + GAP),
            row * (panel_height + GAP),
            panel_width,
            panel_height,
        )
    return shapes


def panel(
    name: str,
    total: Tally,
    by_month: dict[str, Tally],
    months: Sequence[str],
    scale: tuple[int, int],
    x: float,
    y: float,
    panel_width: float,
    panel_height: float,
) -> list[Shape]:
    """One circle's chart: its name and totals, the scale, a bar and its value per month."""
    figures = " — " + _("{attendances} in {sessions}").format(
        attendances=number(total.attendances), sessions=counted(total.sessions, "session")
    )
    room = panel_width - width(figures, TITLE_SIZE, bold=True)
    shapes: list[Shape] = [
        Text(x, y + TITLE_SIZE, cut(name, room, TITLE_SIZE, bold=True) + figures, TITLE_SIZE,
             bold=True),
    ]  # fmt: skip
    top, step = scale
    slots = max(len(months), LEAST_SLOTS)
    left = x + width(number(top), TICK_SIZE) + 4
    slot = (x + panel_width - left) / slots
    values = {m: number(by_month[m].attendances) for m in months if m in by_month}
    widest = max((width(v, VALUE_SIZE) for v in values.values()), default=0.0)
    size = min(VALUE_SIZE, VALUE_SIZE * 0.9 * slot / widest) if widest else VALUE_SIZE
    upright = size >= SMALLEST_VALUE
    if not upright:
        size = min(VALUE_SIZE, 0.9 * slot / 0.75)  # turned: the glyphs' height across the bar
    value_room = size + 3 if upright else max(width(v, size) for v in values.values()) + 3
    plot_top = y + TITLE_SIZE + 6 + value_room
    plot_bottom = y + panel_height - TICK_SIZE - 5
    height = plot_bottom - plot_top

    while step < top and height * step / top < TICK_SIZE + 3:  # a short chart: fewer ticks
        step = next((m for m in range(step * 2, top + 1) if top % m == 0), top)
    for tick in range(0, top + 1, step):
        level = plot_bottom - height * tick / top
        shapes.append(Rule(left, level, x + panel_width, level, RULE))
        shapes.append(Text(left - 3, level + TICK_SIZE * 0.35, number(tick), TICK_SIZE, "end",
                           colour=GREY))  # fmt: skip
    label_every = _label_step(slot)
    for i, month in enumerate(months):
        middle = left + slot * (i + 0.5)
        if i % label_every == 0:
            shapes.append(Text(middle, plot_bottom + TICK_SIZE + 3, month, TICK_SIZE, "middle",
                               colour=GREY))  # fmt: skip
        tally = by_month.get(month)
        if tally is None:
            continue  # no session that month: no bar, no value
        bar = height * tally.attendances / top
        shapes.append(
            Box(
                middle - 0.4 * slot,
                plot_bottom - bar,
                0.8 * slot,
                max(bar, 0.6),  # a month of 0 attendances still shows it was held
                BAR,
                f"{name} {month}: {values[month]}",
            )
        )
        if upright:
            shapes.append(Text(middle, plot_bottom - bar - 2, values[month], size, "middle"))
        else:
            shapes.append(Text(middle, plot_bottom - bar - 2, values[month], size, upright=False))
    shapes.append(Rule(left, plot_bottom, x + panel_width, plot_bottom, GREY, 0.8))
    return shapes


def _label_step(slot: float) -> int:
    """Label every month, or every 2nd, 3rd, 4th, 6th or 12th: as often as the labels fit."""
    needed = width("2026-12", TICK_SIZE) + 4
    return next((n for n in (1, 2, 3, 4, 6) if n * slot >= needed), 12)
