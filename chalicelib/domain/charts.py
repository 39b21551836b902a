"""Hand-built SVG charts: no plotting library, so nothing heavy for a Lambda to import.

`daily_chart` draws services per day as bars stacked by channel, and the satisfaction rate
as a line on a 0–100 % scale on the right. Input: `chalicelib.domain.stats.daily_figures`.
"""

from __future__ import annotations

from html import escape  # text and attribute escaping; valid for SVG (XML) too
from typing import Any

from chalicelib.domain.tickets import Channel

CHANNEL_NAMES = {"HOTLINE": "热线", "WEB": "网站", "APP": "App", "SMS": "短信",
                 "WECHAT": "微信", "WINDOW": "窗口"}
COLOURS = {"HOTLINE": "#1f77b4", "WEB": "#ff7f0e", "APP": "#2ca02c", "SMS": "#9467bd",
           "WECHAT": "#17becf", "WINDOW": "#8c564b"}
WIDTH, HEIGHT = 900, 420
LEFT, RIGHT, TOP, BOTTOM = 56, 64, 48, 72


def _nice_max(value: int) -> int:
    """A round axis maximum at or above ``value`` (1, 2, 5 x 10^n)."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if value <= step * factor:
                return step * factor
        step *= 10


def daily_chart(days: list[dict[str, Any]], title: str) -> str:
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top = _nice_max(max([d["total"] for d in days] + [1]))
    slot = plot_w / max(len(days), 1)
    bar = max(slot * 0.7, 1.0)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
             f'<title>{escape(title)}</title>',
             f'<text x="{WIDTH / 2:.0f}" y="24" text-anchor="middle" font-size="16">'
             f'{escape(title)}</text>']
    for tick in range(5):  # left axis: services; right axis: satisfaction
        y = TOP + plot_h - plot_h * tick / 4
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" '
                     f'stroke="#ddd"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
                     f'{top * tick // 4}</text>')
        parts.append(f'<text x="{LEFT + plot_w + 6}" y="{y + 4:.1f}">{25 * tick}%</text>')
    points = []
    for i, day in enumerate(days):
        x = LEFT + slot * i + (slot - bar) / 2
        y = TOP + plot_h
        for channel in Channel:
            count = day["by_channel"].get(channel.value, 0)
            if not count:
                continue
            h = plot_h * count / top
            y -= h
            parts.append(f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" '
                         f'height="{h:.1f}" fill="{COLOURS[channel.value]}"><title>'
                         f'{escape(day["date"])} {CHANNEL_NAMES[channel.value]} {count}'
                         f'</title></rect>')
        if day["satisfaction_rate"] is not None:
            points.append(f'{x + bar / 2:.1f},'
                          f'{TOP + plot_h - plot_h * day["satisfaction_rate"]:.1f}')
        if len(days) <= 16 or i % 2 == 0:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{TOP + plot_h + 16}" '
                         f'text-anchor="middle">{escape(day["date"][5:])}</text>')
    if points:
        parts.append(f'<polyline class="satisfaction" points="{" ".join(points)}" '
                     f'fill="none" stroke="#d62728" stroke-width="2"/>')
    legend = [(CHANNEL_NAMES[c.value], COLOURS[c.value]) for c in Channel]
    legend.append(("满意率", "#d62728"))
    for i, (name, colour) in enumerate(legend):
        x = LEFT + i * 100
        parts.append(f'<rect x="{x}" y="{HEIGHT - 28}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="{HEIGHT - 18}">{escape(name)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
