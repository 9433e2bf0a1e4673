"""Colour-blind-safe colours (Okabe-Ito, then Paul Tol's muted set), one per segment, the same
in every chart of the dashboard and the report."""

from __future__ import annotations

SEGMENT_COLOURS: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#332288",  # indigo
    "#117733",  # green
    "#882255",  # wine
    "#999933",  # olive
    "#888888",  # grey
)
DIVERGING_SCHEME = "blueorange"  # colour-blind safe, centred on the population average
SEQUENTIAL_SCHEME = "blues"


def segment_colours(segments: list[tuple[int, str]]) -> dict[str, str]:
    """Segment name -> colour, assigned in segment id order so that a segment keeps its colour
    across as-of dates and charts (ids are stable across retrains)."""
    names = [name for _, name in sorted(set(segments))]
    unique = list(dict.fromkeys(names))
    return {name: SEGMENT_COLOURS[i % len(SEGMENT_COLOURS)] for i, name in enumerate(unique)}
