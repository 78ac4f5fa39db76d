"""Where an exchange import puts the bead it makes for a segment no bead named: before the
first bead whose original comes after the segment, found by bisection
(``toolkit.exchange.merge._position``) and held here to the plain scan it replaced."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import examples
from toolkit.exchange.merge import _Change, _position, _reach
from toolkit.model import Bead


def _scanned(mine: int, beads: list[Bead], order: dict[str, int]) -> int:
    """The definition: the first bead whose original's first segment comes after."""
    for index, bead in enumerate(beads):
        if bead.source and order.get(bead.source[0], -1) > mine:
            return index
    return len(beads)


@st.composite
def alignments(draw: st.DrawFn) -> tuple[list[Bead], dict[str, int]]:
    """Beads over an original of up to 30 segments, mostly in order, some crossing, some
    with no original (0-1), some naming a segment the original no longer has."""
    size = draw(st.integers(0, 30))
    order = {f"s{n}": n for n in range(size)}
    beads: list[Bead] = []
    for _ in range(draw(st.integers(0, 30))):
        kind = draw(st.sampled_from(["in order", "in order", "added", "any", "gone"]))
        if kind == "added" or not order:
            beads.append(Bead((), ("t",)))
        elif kind == "gone":
            beads.append(Bead(("s999",), ("t",)))
        else:
            last = max([order.get(b.source[0], 0) for b in beads if b.source] or [0])
            low = last if kind == "in order" else 0
            beads.append(Bead((f"s{draw(st.integers(low, max(low, size - 1)))}",), ("t",)))
    return beads, order


@settings(max_examples=examples(300), deadline=None)
@given(alignments(), st.integers(-1, 32))
def test_bisection_places_a_new_bead_where_the_scan_does(
    aligned: tuple[list[Bead], dict[str, int]], mine: int
) -> None:
    beads, order = aligned
    ident = f"s{mine}"
    order = {**order, ident: order.get(ident, mine)} if mine >= 0 else order
    change = _Change(None, "k", (ident,) if mine >= 0 else (), (), None, None, 0)
    expected = _scanned(order.get(ident, len(order)) if mine >= 0 else len(order), beads, order)
    assert _position(change, _reach(beads, order), order) == expected
