"""Chart geometry for the timeline and the actor network, drawn as inline SVG by the templates.

The server computes every coordinate, so the pages need no chart library (nothing is
downloaded, and the Content-Security-Policy allows only the app's own scripts). Names and
labels stay plain strings here; the templates escape them.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import PLOVER_CATEGORIES
from ..query import NetworkLink, NetworkNode, TimelineDay

#: One colour per PLOVER category: cooperation in blues and greens, conflict in oranges and reds.
CATEGORY_COLORS: dict[str, str] = {
    "AGREE": "#1b9e77",
    "CONSULT": "#66c2a5",
    "SUPPORT": "#4daf4a",
    "CONCEDE": "#a6d854",
    "COOPERATE": "#377eb8",
    "AID": "#80b1d3",
    "RETREAT": "#bebada",
    "REQUEST": "#8da0cb",
    "ACCUSE": "#fdb462",
    "REJECT": "#fc8d62",
    "THREATEN": "#e78ac3",
    "PROTEST": "#ffd92f",
    "SANCTION": "#e5c494",
    "MOBILIZE": "#b3b3b3",
    "COERCE": "#d95f02",
    "ASSAULT": "#e41a1c",
}


@dataclass(frozen=True)
class Bar:
    """One category's part of a day's stacked bar."""

    x: float
    y: float
    width: float
    height: float
    color: str
    day: str
    category: str
    count: int


@dataclass(frozen=True)
class Point:
    """A day's mean Goldstein score on the conflict-cooperation line."""

    x: float
    y: float
    day: str
    value: float


@dataclass(frozen=True)
class Tick:
    """An axis label at a position."""

    position: float
    label: str


@dataclass
class TimelineChart:
    """Everything the timeline template draws, in SVG user units."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    bars: list[Bar] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    count_ticks: list[Tick] = field(default_factory=list)
    goldstein_ticks: list[Tick] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)

    @property
    def polyline(self) -> str:
        """The Goldstein line's points attribute."""
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def zero_y(self) -> float:
        """Where Goldstein 0 (neutral) is."""
        return self.goldstein_y(0.0)

    def goldstein_y(self, value: float) -> float:
        """The y of a Goldstein score (-10 at the bottom, +10 at the top)."""
        plot = self.height - self.top - self.bottom
        return self.top + (10.0 - max(-10.0, min(10.0, value))) / 20.0 * plot


def timeline_chart(days: Sequence[TimelineDay], width: int = 900, height: int = 320) -> TimelineChart:
    """Stacked bars of events per day by category on a calendar axis, and the mean-Goldstein line."""
    chart = TimelineChart(width=width, height=height, left=48, right=48, top=16, bottom=40)
    if not days:
        return chart
    first = datetime.date.fromisoformat(days[0].day)
    last = datetime.date.fromisoformat(days[-1].day)
    span = max((last - first).days, 0) + 1
    plot_w = width - chart.left - chart.right
    plot_h = height - chart.top - chart.bottom
    slot = plot_w / span
    bar_w = max(3.0, min(28.0, slot * 0.8))
    most = max(day.total for day in days) or 1

    def x_of(day: datetime.date) -> float:
        return chart.left + ((day - first).days + 0.5) * slot

    for day in days:
        when = datetime.date.fromisoformat(day.day)
        x = x_of(when) - bar_w / 2
        y = float(chart.top + plot_h)
        for category in PLOVER_CATEGORIES:
            count = day.counts.get(category, 0)
            if not count:
                continue
            h = count / most * plot_h
            y -= h
            chart.bars.append(Bar(x, y, bar_w, h, CATEGORY_COLORS[category], day.day, category, count))
        if day.goldstein_mean is not None:
            chart.points.append(
                Point(x_of(when), chart.goldstein_y(day.goldstein_mean), day.day, day.goldstein_mean)
            )
    tick_count = min(span, 6)
    for i in range(tick_count):
        offset = round(i * (span - 1) / max(tick_count - 1, 1))
        when = first + datetime.timedelta(days=offset)
        chart.x_ticks.append(Tick(x_of(when), when.isoformat()))
    for value in sorted({0, most // 2, most}):
        chart.count_ticks.append(Tick(chart.top + plot_h - value / most * plot_h, str(value)))
    for value in (-10, -5, 0, 5, 10):
        chart.goldstein_ticks.append(Tick(chart.goldstein_y(value), f"{value:+d}" if value else "0"))
    used = {bar.category for bar in chart.bars}
    chart.legend = [(c, CATEGORY_COLORS[c]) for c in PLOVER_CATEGORIES if c in used]
    return chart


#: Longer actor names are shortened on the network drawing (the full name is in its tooltip).
MAX_LABEL = 28


@dataclass(frozen=True)
class NodeShape:
    """An actor drawn on the network circle."""

    key: str
    name: str
    label: str
    x: float
    y: float
    r: float
    label_x: float
    label_y: float
    anchor: str
    events_out: int
    events_in: int


@dataclass(frozen=True)
class EdgeShape:
    """A directed, weighted link between two actors (ends pulled back to the node rims)."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    color: str
    source_name: str
    target_name: str
    events: int
    goldstein_mean: float | None


@dataclass
class NetworkChart:
    """Everything the network template draws."""

    width: int
    height: int
    nodes: list[NodeShape] = field(default_factory=list)
    edges: list[EdgeShape] = field(default_factory=list)


def goldstein_color(value: float | None) -> str:
    """Red for conflict, green for cooperation, grey for neutral or unknown."""
    if value is None or abs(value) < 0.5:
        return "#888888"
    return "#c0392b" if value < 0 else "#27ae60"


def network_chart(
    nodes: Sequence[NetworkNode], links: Sequence[NetworkLink], width: int = 900, height: int = 640
) -> NetworkChart:
    """Actors on a circle (busiest first, clockwise from the top), links as arrows weighted by events."""
    chart = NetworkChart(width=width, height=height)
    if not nodes:
        return chart
    cx, cy = width / 2, height / 2
    radius = min(width, height) / 2 - 90
    most = max((n.events_out + n.events_in) for n in nodes) or 1
    heaviest = max((link.events for link in links), default=1)
    shapes: dict[str, NodeShape] = {}
    for i, node in enumerate(nodes):
        angle = -math.pi / 2 + 2 * math.pi * i / len(nodes)
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        r = 5 + 11 * math.sqrt((node.events_out + node.events_in) / most)
        cos = math.cos(angle)
        anchor = "start" if cos > 0.2 else "end" if cos < -0.2 else "middle"
        lx = x + (r + 6) * cos
        ly = y + (r + 6) * math.sin(angle) + 4
        label = node.name if len(node.name) <= MAX_LABEL else node.name[: MAX_LABEL - 1] + "…"
        shape = NodeShape(
            node.key, node.name, label, x, y, r, lx, ly, anchor, node.events_out, node.events_in
        )
        shapes[node.key] = shape
        chart.nodes.append(shape)
    for link in links:
        a, b = shapes.get(link.source), shapes.get(link.target)
        if a is None or b is None:
            continue
        dx, dy = b.x - a.x, b.y - a.y
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        # Shift each arrow a little to its right, so that A->B and B->A stay apart.
        px, py = -uy * 3.0, ux * 3.0
        chart.edges.append(
            EdgeShape(
                x1=a.x + ux * a.r + px,
                y1=a.y + uy * a.r + py,
                x2=b.x - ux * (b.r + 2) + px,
                y2=b.y - uy * (b.r + 2) + py,
                width=1.5 + 4.5 * (link.events - 1) / (heaviest - 1) if heaviest > 1 else 2.0,
                color=goldstein_color(link.goldstein_mean),
                source_name=link.source_name,
                target_name=link.target_name,
                events=link.events,
                goldstein_mean=link.goldstein_mean,
            )
        )
    return chart
