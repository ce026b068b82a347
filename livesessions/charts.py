"""Attendance over time as a small SVG drawn on the server: no chart library, no script, readable on paper."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 12, 28


def attendance_svg(snapshots) -> SafeString:
    """Head count per minute (line) from AttendanceSnapshot rows; empty string when there is nothing yet."""
    if not snapshots:
        return mark_safe("")
    peak = max(max(s.headcount for s in snapshots), 1)
    count = len(snapshots)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(i: int) -> float:
        return LEFT + (plot_w * i / (count - 1) if count > 1 else plot_w / 2)

    def y(value: int) -> float:
        return TOP + plot_h - plot_h * value / peak

    points = " ".join(f"{x(i):.1f},{y(s.headcount):.1f}" for i, s in enumerate(snapshots))
    first = date_format(timezone.localtime(snapshots[0].minute), "H:i")
    last = date_format(timezone.localtime(snapshots[-1].minute), "H:i")
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="3"><title>{}: {}</title></circle>',
        (
            (f"{x(i):.1f}", f"{y(s.headcount):.1f}", date_format(timezone.localtime(s.minute), "H:i"), s.headcount)
            for i, s in enumerate(snapshots)
        )
        if count <= 240
        else (),
    )
    return format_html(
        '<svg class="live-chart" viewBox="0 0 {w} {h}" role="img" aria-label="{label}" xmlns="http://www.w3.org/2000/svg">'
        '<line x1="{l}" y1="{base}" x2="{r}" y2="{base}" class="axis"/>'
        '<line x1="{l}" y1="{t}" x2="{l}" y2="{base}" class="axis"/>'
        '<text x="{lt}" y="{ty}" text-anchor="end">{peak}</text>'
        '<text x="{lt}" y="{base}" text-anchor="end">0</text>'
        '<text x="{l}" y="{tx}">{first}</text>'
        '<text x="{r}" y="{tx}" text-anchor="end">{last}</text>'
        '<polyline points="{points}" class="line"/>{dots}</svg>',
        w=WIDTH,
        h=HEIGHT,
        label=_("Head count over time, from %(first)s to %(last)s; highest %(peak)s.")
        % {"first": first, "last": last, "peak": peak},
        l=LEFT,
        r=WIDTH - RIGHT,
        t=TOP,
        base=TOP + plot_h,
        lt=LEFT - 6,
        ty=TOP + 12,
        tx=HEIGHT - 6,
        peak=peak,
        first=first,
        last=last,
        points=points,
        dots=dots,
    )
