"""Plotly figures for HR as plain dicts (drawn by the local plotly.js); hidden cells are gaps, never zeros."""
from datetime import date

LAYOUT = {"margin": {"l": 50, "r": 10, "t": 40, "b": 40}, "height": 300, "paper_bgcolor": "white",
          "plot_bgcolor": "white", "font": {"family": "system-ui, sans-serif", "size": 13},
          "legend": {"orientation": "h", "y": -0.2}}
COLOURS = ("#2f5d8a", "#b45309", "#2e7d4f", "#7c3aed", "#b42318")


def _x(periods: list[date]) -> list[str]:
    return [p.isoformat() for p in periods]


def _layout(title: str, **extra) -> dict:
    return {**LAYOUT, "title": {"text": title}, **extra}


def lines(periods: list[date], series: dict, title: str, marks: tuple[str, list[bool]] | None = None) -> dict:
    """One line per series; hidden values break the line; `marks` circles the flagged points of one series."""
    data = [{"type": "scatter", "mode": "lines+markers", "name": name, "x": _x(periods), "y": values,
             "connectgaps": False, "line": {"color": COLOURS[i % len(COLOURS)]}}
            for i, (name, values) in enumerate(series.items())]
    if marks:
        name, flags = marks
        points = [(p, v) for p, v, f in zip(_x(periods), series[name], flags) if f]
        data.append({"type": "scatter", "mode": "markers", "name": "Change of 10 or more",
                     "x": [p for p, _v in points], "y": [v for _p, v in points],
                     "marker": {"size": 14, "symbol": "circle-open", "color": "#b42318"}})
    return {"data": data, "layout": _layout(title)}


def stacked(periods: list[date], series: dict, title: str) -> dict:
    """Stacked bars per period."""
    data = [{"type": "bar", "name": name, "x": _x(periods), "y": values, "marker": {"color": COLOURS[i % 5]}}
            for i, (name, values) in enumerate(series.items())]
    return {"data": data, "layout": _layout(title, barmode="stack")}


def bars(periods: list[date], series: dict, title: str) -> dict:
    """Grouped bars per period."""
    data = [{"type": "bar", "name": name, "x": _x(periods), "y": values, "marker": {"color": COLOURS[i % 5]}}
            for i, (name, values) in enumerate(series.items())]
    return {"data": data, "layout": _layout(title, barmode="group")}


def heatmap(periods: list[date], rows: list[tuple[str, list]], title: str) -> dict:
    """Teams by periods; hidden cells are left blank."""
    data = [{"type": "heatmap", "x": _x(periods), "y": [name for name, _v in rows],
             "z": [values for _n, values in rows], "colorscale": "Blues", "hoverongaps": False}]
    return {"data": data, "layout": _layout(title, height=max(300, 40 + 24 * len(rows)))}
