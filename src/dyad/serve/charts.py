"""Server-side SVG charts: monthly timelines, bars by quad class, the actor network and the map.

Each function takes rows from ``dyad.store.queries`` and returns ``Markup`` that a template can
embed as is; every piece of text inside is escaped here. Colours follow the quad classes that
researchers read CAMEO/PLOVER data by: greens for cooperation (1 verbal, 2 material), reds for
conflict (3 verbal, 4 material). No script and no inline style, so the pages pass a strict CSP.

>>> svg = monthly_chart([{"month": "2025-10", "quad_class": 1, "count": 2}])
>>> svg.startswith("<svg") and "2025-10" in svg
True
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

QUADS: dict[int, tuple[str, str]] = {
    1: ("verbal cooperation", "#7fbc41"),
    2: ("material cooperation", "#1b7837"),
    3: ("verbal conflict", "#f4a582"),
    4: ("material conflict", "#b2182b"),
}
Point = tuple[float, float]
Pair = tuple[str, str]
Landmark = tuple[str, float, float]
COOPERATION, CONFLICT = "#1b7837", "#b2182b"
GRAVITY = 0.5  # pull to the centre: keeps unlinked groups of actors near each other
INK, GRID, NODE = "#333333", "#d9d9d9", "#4a6fa5"


def _events(n: int) -> str:
    return f"{n} event" if n == 1 else f"{n} events"


def el(tag: str, body: str = "", **attrs: Any) -> str:
    """One SVG element; attribute names use ``_`` for ``-`` and every value is escaped."""
    text = "".join(f' {_name(k)}="{escape(v)}"' for k, v in attrs.items() if v is not None)
    return f"<{tag}{text}>{body}</{tag}>"


def _name(key: str) -> str:
    return key.rstrip("_").replace("_", "-")  # class_ → class, text_anchor → text-anchor


def svg(width: float, height: float, body: str, label: str) -> Markup:
    return Markup(el("svg", el("title", str(escape(label))) + body, xmlns="http://www.w3.org/2000/svg",
                     viewBox=f"0 0 {width:.0f} {height:.0f}", width=f"{width:.0f}", height=f"{height:.0f}",
                     role="img", aria_label=label, class_="chart"))


def empty_chart(message: str, width: float = 720, height: float = 60) -> Markup:
    return svg(width, height, el("text", str(escape(message)), x=10, y=height / 2, fill=INK), message)


def legend(x: float, y: float) -> str:
    items = []
    for n, (quad, (name, colour)) in enumerate(QUADS.items()):
        left = x + n * 165
        items.append(el("rect", x=left, y=y - 9, width=10, height=10, fill=colour)
                     + el("text", f"{quad} {escape(name)}", x=left + 14, y=y, class_="legend"))
    return "".join(items)


# --- timelines --------------------------------------------------------------------------------------
def months_between(first: str, last: str) -> list[str]:
    """Every ``YYYY-MM`` from first to last, so quiet months show as gaps on the timeline."""
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def monthly_chart(rows: Iterable[Mapping[str, Any]], width: float = 720, height: float = 240) -> Markup:
    """Stacked monthly bars by quad class; rows carry ``month`` (YYYY-MM), ``quad_class`` and ``count``."""
    by_month: dict[str, Counter[int]] = defaultdict(Counter)
    for r in rows:
        if r.get("month"):
            by_month[str(r["month"])[:7]][int(r["quad_class"])] += int(r["count"])
    if not by_month:
        return empty_chart("no dated events")
    months = months_between(min(by_month), max(by_month))
    top = max(sum(c.values()) for c in by_month.values())
    left, base, plot_h = 40, height - 40, height - 70
    step = (width - left - 10) / len(months)
    parts = [_y_axis(left, base, plot_h, top, width)]
    for i, month in enumerate(months):
        x = left + i * step
        parts.append(_stack(x, step, base, plot_h / top, month, by_month.get(month, Counter())))
        if i % max(1, len(months) // 8) == 0:
            parts.append(el("text", month, x=x + step / 2, y=base + 14, class_="tick", text_anchor="middle"))
    parts.append(legend(left, height - 6))
    return svg(width, height, "".join(parts), "events per month by quad class")


def _stack(x: float, step: float, base: float, scale: float, month: str, counts: Counter[int]) -> str:
    parts, y = [], base
    for quad in sorted(counts):
        h = counts[quad] * scale
        y -= h
        tip = f"{month}: {counts[quad]} {QUADS[quad][0]}"
        parts.append(el("rect", el("title", str(escape(tip))), x=f"{x + step * 0.1:.1f}", y=f"{y:.1f}",
                        width=f"{step * 0.8:.1f}", height=f"{h:.1f}", fill=QUADS[quad][1], class_="bar"))
    return "".join(parts)


def _y_axis(left: float, base: float, plot_h: float, top: int, width: float) -> str:
    parts = []
    for value in sorted({0, top // 2, top}):
        y = base - plot_h * value / top
        parts.append(el("line", x1=left, x2=width - 10, y1=f"{y:.1f}", y2=f"{y:.1f}", stroke=GRID))
        parts.append(el("text", str(value), x=left - 6, y=f"{y + 4:.1f}", class_="tick", text_anchor="end"))
    return "".join(parts)


def bar_chart(items: Sequence[tuple[str, int, int | None]], width: float = 520) -> Markup:
    """Horizontal bars: (label, count, quad class or None), e.g. events by PLOVER type."""
    if not items:
        return empty_chart("nothing to count", width)
    top, row = max(n for _, n, _ in items) or 1, 22
    parts = []
    for i, (label, n, quad) in enumerate(items):
        y, w = 8 + i * row, (width - 190) * n / top
        colour = QUADS[quad][1] if quad in QUADS else NODE
        parts.append(el("text", str(escape(label)), x=130, y=y + 13, class_="tick", text_anchor="end")
                     + el("rect", x=136, y=y, width=f"{max(w, 1):.1f}", height=16, fill=colour)
                     + el("text", str(n), x=f"{140 + w:.1f}", y=y + 13, class_="tick"))
    return svg(width, 16 + row * len(items), "".join(parts), "counts")


# --- network ----------------------------------------------------------------------------------------
@dataclass
class Network:
    """Who interacts with whom: nodes are actors, edges count cooperative and conflictual events."""

    names: dict[str, str] = field(default_factory=dict)
    events: Counter[str] = field(default_factory=Counter)
    edges: dict[tuple[str, str], Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    @classmethod
    def from_events(cls, events: Iterable[Mapping[str, Any]], max_nodes: int = 40) -> Network:
        net = cls()
        for e in events:
            kind = "cooperation" if int(e.get("quad_class") or 0) in (1, 2) else "conflict"
            for a in [*e.get("source", []), *e.get("target", [])]:
                net.names[str(a["id"])] = str(a["name"])
            net.events.update({str(a["id"]) for a in [*e.get("source", []), *e.get("target", [])]})
            for s in e.get("source", []):
                for t in e.get("target", []):
                    if s["id"] != t["id"]:
                        net.edges[tuple(sorted((str(s["id"]), str(t["id"]))))][kind] += 1  # type: ignore[index]
        return net.top(max_nodes)

    def top(self, n: int) -> Network:
        keep = {k for k, _ in sorted(self.events.items(), key=lambda kv: (-kv[1], kv[0]))[:n]}
        edges = {pair: c for pair, c in self.edges.items() if set(pair) <= keep}
        return Network({k: v for k, v in self.names.items() if k in keep},
                       Counter({k: v for k, v in self.events.items() if k in keep}), edges)


def layout(ids: Sequence[str], edges: Iterable[Pair], rounds: int = 150) -> dict[str, Point]:
    """A deterministic force layout (Fruchterman–Reingold from a circle), fitted into the unit square.

    A weak pull towards the centre keeps separate groups of actors from drifting to the edges.
    """
    n = len(ids)
    turn = 2 * math.pi / max(n, 1)
    pos = {key: [math.cos(i * turn), math.sin(i * turn)] for i, key in enumerate(ids)}
    k = 2 / math.sqrt(max(n, 1))
    links = [(a, b) for a, b in edges if a in pos and b in pos]
    for it in range(rounds):
        push = _forces(pos, links, k)
        heat = 0.2 * (1 - it / rounds) + 0.005
        for key, (dx, dy) in push.items():
            p = pos[key]
            dx, dy = dx - GRAVITY * p[0] / k, dy - GRAVITY * p[1] / k
            d = math.hypot(dx, dy) or 1.0
            p[0] += dx / d * min(d, heat)
            p[1] += dy / d * min(d, heat)
    return _fit(pos)


def _fit(pos: Mapping[str, Sequence[float]]) -> dict[str, Point]:
    """Stretch the layout to fill the square between 0.04 and 0.96 on both axes."""
    if not pos:
        return {}
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    wide, high = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {key: (0.04 + 0.92 * (p[0] - min(xs)) / wide if len(pos) > 1 else 0.5,
                  0.04 + 0.92 * (p[1] - min(ys)) / high if len(pos) > 1 else 0.5) for key, p in pos.items()}


def _forces(pos: dict[str, list[float]], links: list[tuple[str, str]], k: float) -> dict[str, list[float]]:
    push = {key: [0.0, 0.0] for key in pos}
    keys = list(pos)
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            d = max(math.hypot(dx, dy), 0.01)
            f = k * k / d
            push[a][0] += dx / d * f
            push[a][1] += dy / d * f
            push[b][0] -= dx / d * f
            push[b][1] -= dy / d * f
    for a, b in links:
        dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
        d = max(math.hypot(dx, dy), 0.01)
        f = d * d / k
        push[a][0] -= dx / d * f
        push[a][1] -= dy / d * f
        push[b][0] += dx / d * f
        push[b][1] += dy / d * f
    return push


def network_chart(net: Network, width: float = 900, height: float = 640) -> Markup:
    """Nodes sized by event count, edges green when mostly cooperation, red when mostly conflict."""
    if not net.events:
        return empty_chart("no actors in these events", width)
    ids = sorted(net.events, key=lambda k: (-net.events[k], k))
    where = positions(ids, net.edges, width, height)
    height = max(y for _, y in where.values()) + 30
    parts = [_edge(where[a], where[b], c, net.names[a], net.names[b])
             for (a, b), c in sorted(net.edges.items())]
    biggest = max(net.events.values())
    for key in reversed(ids):  # big nodes last, so they are drawn on top
        (x, y), n = where[key], net.events[key]
        r = 5 + 17 * math.sqrt(n / biggest)
        tip = el("title", f"{escape(net.names[key])}: {_events(n)}")
        dot = el("circle", tip, cx=f"{x:.1f}", cy=f"{y:.1f}", r=f"{r:.1f}", fill=NODE, class_="node")
        label = el("text", str(escape(net.names[key])), x=f"{x:.1f}", y=f"{y + r + 11:.1f}", class_="label",
                   text_anchor="middle")
        parts.append(el("a", dot + label, href=f"/actors/{key}"))
    return svg(width, height, "".join(parts), "network of actors")


def positions(ids: Sequence[str], edges: Iterable[Pair], width: float, height: float) -> dict[str, Point]:
    """Linked actors by the force layout; actors with no counterpart in a row beneath, busiest first."""
    linked = {key for pair in edges for key in pair}
    spread = layout([k for k in ids if k in linked], [e for e in edges if set(e) <= linked])
    where = {k: (40 + x * (width - 80), 30 + y * (height - 60)) for k, (x, y) in spread.items()}
    alone = [k for k in ids if k not in linked]
    per_row = max(1, int((width - 80) // 150))
    top = height if where else 0.0
    for i, key in enumerate(alone):
        where[key] = (80 + (i % per_row) * 150, top + 20 + (i // per_row) * 50)
    return where


def _edge(a: Point, b: Point, c: Counter[str], name_a: str, name_b: str) -> str:
    coop, conflict = c["cooperation"], c["conflict"]
    colour = COOPERATION if coop >= conflict else CONFLICT
    tip = f"{name_a} – {name_b}: {coop} cooperation, {conflict} conflict"
    return el("line", el("title", str(escape(tip))), x1=f"{a[0]:.1f}", y1=f"{a[1]:.1f}", x2=f"{b[0]:.1f}",
              y2=f"{b[1]:.1f}", stroke=colour, stroke_width=f"{1 + math.log2(coop + conflict):.1f}",
              stroke_opacity="0.7", class_="cooperation" if colour == COOPERATION else "conflict")


# --- map --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Frame:
    """An equirectangular window onto the world, in degrees, drawn ``width`` pixels wide."""

    west: float
    east: float
    south: float
    north: float
    width: float

    @property
    def scale(self) -> float:
        return self.width / (self.east - self.west)

    @property
    def height(self) -> float:
        return (self.north - self.south) * self.scale

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        return (lon - self.west) * self.scale, (self.north - lat) * self.scale

    @classmethod
    def around(cls, lats: Sequence[float], lons: Sequence[float], width: float) -> Frame:
        """The events' bounding box, padded and at least 40°×24°, so a region reads as a region."""
        west, east = _span(min(lons) - 6, max(lons) + 6, 40, -180, 180)
        south, north = _span(min(lats) - 5, max(lats) + 5, 24, -90, 90)
        return cls(west, east, south, north, width)


def _span(low: float, high: float, least: float, floor: float, ceiling: float) -> tuple[float, float]:
    grow = max(0.0, least - (high - low)) / 2
    low, high = low - grow, high + grow
    shift = max(0.0, floor - low) - max(0.0, high - ceiling)
    return max(floor, low + shift), min(ceiling, high + shift)


def places(events: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Located event places with how many events happened there and the first event's id."""
    found: dict[tuple[str, float, float], dict[str, Any]] = {}
    for e in events:
        p = e.get("place") or {}
        if p.get("lat") is None or p.get("lon") is None:
            continue
        key = (str(p.get("name")), float(p["lat"]), float(p["lon"]))
        spot = found.setdefault(key, {"name": key[0], "country": p.get("country"), "lat": key[1],
                                      "lon": key[2], "count": 0, "event": e["id"]})
        spot["count"] += 1
    return sorted(found.values(), key=lambda s: (-s["count"], s["name"]))


def map_chart(spots: Sequence[Mapping[str, Any]], references: Sequence[Landmark] = (),
              width: float = 900) -> Markup:
    """Event places on a lat/lon grid (no tiles, nothing fetched); dots sized by event count.

    ``references`` (name, lat, lon) — capitals, say — are drawn faintly for orientation.
    """
    if not spots:
        return empty_chart("no located events", width)
    frame = Frame.around([s["lat"] for s in spots], [s["lon"] for s in spots], width)
    sea = el("rect", x=0, y=0, width=f"{width:.0f}", height=f"{frame.height:.0f}", fill="#eef4f8")
    dots, labelled = _spots(frame, spots)
    body = sea + _grid(frame) + _references(frame, references, labelled) + dots
    return svg(width, frame.height, body, "map of event places")


def _spots(frame: Frame, spots: Sequence[Mapping[str, Any]]) -> tuple[str, list[Point]]:
    parts, labelled = list[str](), list[Point]()
    for s in spots:  # busiest first: they get their labels, crowded neighbours keep only a tooltip
        x, y = frame.xy(s["lat"], s["lon"])
        tip = f"{s['name']} ({s['country'] or '?'}): {_events(s['count'])}"
        dot = el("circle", el("title", str(escape(tip))), cx=f"{x:.1f}", cy=f"{y:.1f}",
                 r=f"{4 + 3 * math.sqrt(s['count']):.1f}", fill="#d95f02", fill_opacity="0.75", class_="spot")
        label = ""
        if _free(x, y, labelled):
            labelled.append((x, y))
            label = el("text", str(escape(s["name"])), x=f"{x + 8:.1f}", y=f"{y - 6:.1f}", class_="label")
        parts.insert(0, el("a", dot + label, href=f"/events/{s['event']}"))  # big dots drawn last, on top
    return "".join(parts), labelled


def _references(frame: Frame, references: Sequence[Landmark], taken: list[Point]) -> str:
    parts, taken = list[str](), list(taken)
    for name, lat, lon in references:
        x, y = frame.xy(lat, lon)
        if 0 <= x <= frame.width and 0 <= y <= frame.height and _free(x, y, taken):
            taken.append((x, y))
            dot = el("circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r=2, fill="#8a9aa8")
            name_at = el("text", str(escape(name)), x=f"{x + 4:.1f}", y=f"{y + 4:.1f}", class_="reference")
            parts.append(dot + name_at)
    return "".join(parts)


def _free(x: float, y: float, taken: Sequence[Point]) -> bool:
    """No label already within a label's width and height of (x, y)."""
    return all(abs(x - tx) > 70 or abs(y - ty) > 14 for tx, ty in taken)


def _grid(frame: Frame) -> str:
    span = frame.east - frame.west
    step = 30 if span > 120 else 10 if span > 40 else 5
    parts, bottom = [], f"{frame.height:.0f}"
    for lon in range(math.ceil(frame.west / step) * step, int(frame.east) + 1, step):
        x, _ = frame.xy(0, lon)
        parts.append(el("line", x1=f"{x:.1f}", x2=f"{x:.1f}", y1=0, y2=bottom, stroke="#b8c7d3"))
        parts.append(el("text", _degrees(lon, "E", "W"), x=f"{x + 3:.1f}", y=f"{frame.height - 4:.0f}",
                        class_="tick"))
    for lat in range(math.ceil(frame.south / step) * step, int(frame.north) + 1, step):
        _, y = frame.xy(lat, frame.west)
        colour = "#7f97ab" if lat == 0 else "#b8c7d3"  # the equator is the one line people look for
        parts.append(el("line", x1=0, x2=f"{frame.width:.0f}", y1=f"{y:.1f}", y2=f"{y:.1f}", stroke=colour))
        parts.append(el("text", _degrees(lat, "N", "S"), x=3, y=f"{y - 3:.1f}", class_="tick"))
    return "".join(parts)


def _degrees(value: int, positive: str, negative: str) -> str:
    return "0°" if value == 0 else f"{abs(value)}°{positive if value > 0 else negative}"
