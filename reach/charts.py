"""The reach dashboard's two pictures, drawn on the server as SVG: no chart library, no script.

Each picture carries a <title> and a <desc>, and the template follows it with a table of the same numbers
(`coverage_bars` and `activity_periods` give those rows, so the picture and the table cannot disagree).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reach.selectors import DayActivity, ReachRow

# Beyond these many days a day-by-day line is unreadable: weeks, then months.
WEEKS_AFTER_DAYS = 62
MONTHS_AFTER_DAYS = 400

WIDTH = 640
BAR_LEFT, BAR_RIGHT, BAR_TOP, BAR_ROW, BAR_HEIGHT = 190, 110, 24, 24, 16
LINE_LEFT, LINE_RIGHT, LINE_TOP, LINE_BOTTOM, LINE_HEIGHT = 52, 16, 16, 40, 260
LEGEND_LEFT, LEGEND_STEP = 8, 212


def count_label(value: int) -> str:
    """A count as people read it here: 85.607, not 85607."""
    return number_format(value, force_grouping=True)


def percent_label(value: float | None) -> str:
    """ "66,7 %" in Vietnamese ("66.7 %" in English); "—" when there is nothing to divide by."""
    if value is None:
        return "—"
    return f"{number_format(value, decimal_pos=1 if value % 1 else 0)} %"


# ─── Coverage per commune (or village) as bars ───────────────────────────────────────────────────────────


def coverage_bars(rows: list[ReachRow]) -> list[ReachRow]:
    """The rows the bars show, least covered first: areas with no village on record have nothing to show."""
    drawn = [row for row in rows if row.villages_total]
    return sorted(drawn, key=lambda row: (row.coverage, row.name))


def coverage_bars_svg(rows: list[ReachRow], *, id_prefix: str = "bars") -> SafeString:
    """Villages reached out of all, per area, as horizontal bars (0–100 %); empty string with no row to draw."""
    bars = coverage_bars(rows)
    if not bars:
        return mark_safe("")
    plot_w = WIDTH - BAR_LEFT - BAR_RIGHT
    height = BAR_TOP + BAR_ROW * len(bars) + 8
    grid = format_html_join(
        "",
        '<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" class="grid"/>'
        '<text x="{x}" y="{label_y}" text-anchor="middle" class="tick">{label}</text>',
        (
            {
                "x": f"{BAR_LEFT + plot_w * p / 100:.1f}",
                "top": BAR_TOP - 4,
                "bottom": height - 6,
                "label_y": BAR_TOP - 8,
                "label": f"{p} %",
            }
            for p in (0, 50, 100)
        ),
    )
    items = format_html_join(
        "",
        "<g><title>{name}: {percent} ({reached}/{total})</title>"
        '<text x="{name_x}" y="{text_y}" text-anchor="end" class="name">{short}</text>'
        '<rect x="{left}" y="{y}" width="{full}" height="{h}" class="track"/>'
        '<rect x="{left}" y="{y}" width="{w}" height="{h}" class="bar"/>'
        '<text x="{value_x}" y="{text_y}" class="value">{percent} ({reached}/{total})</text></g>',
        (
            {
                "name": row.name,
                "short": _shorten(row.name, 26),
                "percent": percent_label(row.coverage),
                "reached": row.villages_reached,
                "total": row.villages_total,
                "name_x": BAR_LEFT - 8,
                "left": BAR_LEFT,
                "y": BAR_TOP + BAR_ROW * i + (BAR_ROW - BAR_HEIGHT) // 2,
                "h": BAR_HEIGHT,
                "full": plot_w,
                "w": f"{plot_w * (row.coverage or 0) / 100:.1f}",
                "text_y": BAR_TOP + BAR_ROW * i + BAR_ROW // 2 + 5,
                "value_x": BAR_LEFT + plot_w + 6,
            }
            for i, row in enumerate(bars)
        ),
    )
    lowest, highest = bars[0], bars[-1]
    return format_html(
        '<svg class="reach-chart reach-bars" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{p}-title {p}-desc"'
        ' xmlns="http://www.w3.org/2000/svg"><title id="{p}-title">{title}</title><desc id="{p}-desc">{desc}</desc>'
        "{grid}{items}</svg>",
        w=WIDTH,
        h=height,
        p=id_prefix,
        title=_("Villages reached, in per cent of all villages"),
        desc=_("%(count)s bars, least covered first: from %(lowest)s (%(low)s) to %(highest)s (%(high)s).")
        % {
            "count": len(bars),
            "lowest": lowest.name,
            "low": percent_label(lowest.coverage),
            "highest": highest.name,
            "high": percent_label(highest.coverage),
        },
        grid=grid,
        items=items,
    )


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ─── Activity over time as lines ─────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Period:
    """A day, a week (Monday to Sunday, cut to the range) or a month of activity."""

    start: date
    end: date
    checkins: int
    attempts: int
    headcount: int

    @property
    def label(self) -> str:
        if self.start == self.end:
            return self.start.strftime("%d/%m/%Y")
        if self.start.day == 1 and (self.end + timedelta(days=1)).day == 1:
            return self.start.strftime("%m/%Y")
        return f"{self.start.strftime('%d/%m')}–{self.end.strftime('%d/%m/%Y')}"


SERIES = (
    ("checkins", gettext_lazy("Check-ins")),
    ("attempts", gettext_lazy("Quiz attempts")),
    ("headcount", gettext_lazy("Head count (people)")),
)


def period_unit(days: int) -> str:
    """ "day", "week" or "month": how finely a range of `days` days is drawn."""
    if days > MONTHS_AFTER_DAYS:
        return "month"
    if days > WEEKS_AFTER_DAYS:
        return "week"
    return "day"


def activity_periods(activity: list[DayActivity]) -> list[Period]:
    """The days of the range summed by day, week or month (see `period_unit`), in order."""
    unit = period_unit(len(activity))
    periods: list[Period] = []
    key_of = {
        "day": lambda d: d,
        "week": lambda d: d - timedelta(days=d.weekday()),
        "month": lambda d: d.replace(day=1),
    }[unit]
    current_key = None
    for day in activity:
        key = key_of(day.day)
        if key != current_key:
            periods.append(Period(day.day, day.day, 0, 0, 0))
            current_key = key
        last = periods[-1]
        periods[-1] = Period(
            last.start,
            day.day,
            last.checkins + day.checkins,
            last.attempts + day.attempts,
            last.headcount + day.headcount,
        )
    return periods


def _nice_ceiling(value: int) -> int:
    """The smallest 1, 2 or 5 × 10ⁿ at or above `value` (at least 1): round numbers on the axis."""
    if value <= 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def activity_line_svg(activity: list[DayActivity], *, id_prefix: str = "line") -> SafeString:
    """Check-ins, quiz attempts and head count by day (week, month) as three lines; "" with no day."""
    periods = activity_periods(activity)
    if not periods:
        return mark_safe("")
    top_value = _nice_ceiling(max(max(p.checkins, p.attempts, p.headcount) for p in periods))
    plot_w = WIDTH - LINE_LEFT - LINE_RIGHT
    plot_h = LINE_HEIGHT - LINE_TOP - LINE_BOTTOM
    count = len(periods)
    base = LINE_TOP + plot_h

    def x(i: int) -> float:
        return LINE_LEFT + (plot_w * i / (count - 1) if count > 1 else plot_w / 2)

    def y(value: int) -> float:
        return base - plot_h * value / top_value

    grid = format_html_join(
        "",
        '<line x1="{l}" y1="{y}" x2="{r}" y2="{y}" class="grid"/><text x="{lt}" y="{ty}" text-anchor="end" '
        'class="tick">{label}</text>',
        (
            {
                "l": LINE_LEFT,
                "r": WIDTH - LINE_RIGHT,
                "y": f"{y(v):.1f}",
                "lt": LINE_LEFT - 6,
                "ty": f"{y(v) + 4:.1f}",
                "label": number_format(v, force_grouping=True),
            }
            for v in sorted({0, top_value // 2, top_value})
        ),
    )
    ticks = sorted({0, count // 2, count - 1})
    x_labels = format_html_join(
        "",
        '<text x="{x}" y="{y}" text-anchor="{anchor}" class="tick">{label}</text>',
        (
            {
                "x": f"{x(i):.1f}",
                "y": LINE_HEIGHT - LINE_BOTTOM + 18,
                "anchor": "start" if i == 0 and count > 1 else ("end" if i == count - 1 and count > 1 else "middle"),
                "label": periods[i].label,
            }
            for i in ticks
        ),
    )
    lines = []
    for number, (attr, label) in enumerate(SERIES, start=1):
        points = " ".join(f"{x(i):.1f},{y(getattr(p, attr)):.1f}" for i, p in enumerate(periods))
        dots = format_html_join(
            "",
            '<circle cx="{}" cy="{}" r="3"><title>{}: {} {}</title></circle>',
            # A dot (with its figure on hover) where something happened; a row of dots on zero is only noise.
            (
                (f"{x(i):.1f}", f"{y(getattr(p, attr)):.1f}", p.label, getattr(p, attr), label)
                for i, p in enumerate(periods)
                if getattr(p, attr)
            )
            if count <= 70
            else (),
        )
        lines.append(
            format_html(
                '<g class="series series-{n}"><polyline points="{points}"/>{dots}</g>',
                n=number,
                points=points,
                dots=dots,
            )
        )
    legend = format_html_join(
        "",
        '<g class="series series-{n}"><line x1="{x1}" y1="{y}" x2="{x2}" y2="{y}"/>'
        '<text x="{tx}" y="{ty}" class="tick">{label}</text></g>',
        (
            {
                "n": n,
                "x1": LEGEND_LEFT + LEGEND_STEP * (n - 1),
                "x2": LEGEND_LEFT + LEGEND_STEP * (n - 1) + 24,
                "y": LINE_HEIGHT - 6,
                "tx": LEGEND_LEFT + LEGEND_STEP * (n - 1) + 30,
                "ty": LINE_HEIGHT - 2,
                "label": label,
            }
            for n, (_attr, label) in enumerate(SERIES, start=1)
        ),
    )
    totals = {attr: sum(getattr(p, attr) for p in periods) for attr, _label in SERIES}
    unit = period_unit(len(activity))
    title = {
        "day": _("Activity by day, %(first)s to %(last)s"),
        "week": _("Activity by week, %(first)s to %(last)s"),
        "month": _("Activity by month, %(first)s to %(last)s"),
    }[unit] % {"first": periods[0].start.strftime("%d/%m/%Y"), "last": periods[-1].end.strftime("%d/%m/%Y")}
    desc = _(
        "Three lines: check-ins (%(checkins)s in all), quiz attempts (%(attempts)s) and head count at the "
        "connection points (%(headcount)s people). The highest point of the axis is %(top)s."
    ) % {**totals, "top": top_value}
    return format_html(
        '<svg class="reach-chart reach-line" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{p}-title {p}-desc"'
        ' xmlns="http://www.w3.org/2000/svg"><title id="{p}-title">{title}</title><desc id="{p}-desc">{desc}</desc>'
        '{grid}<line x1="{l}" y1="{t}" x2="{l}" y2="{base}" class="axis"/>{lines}{x_labels}{legend}</svg>',
        w=WIDTH,
        h=LINE_HEIGHT,
        p=id_prefix,
        title=title,
        desc=desc,
        grid=grid,
        l=LINE_LEFT,
        t=LINE_TOP,
        base=base,
        lines=format_html_join("", "{}", ((line,) for line in lines)),
        x_labels=x_labels,
        legend=legend,
    )
