"""Review: a person's say on beads (reviewed, locked, omitted), and when it goes stale.

When a person sets a bead's state, the bead records a fingerprint of both sides'
text. If either side changes afterwards (a revised original, an edited
translation, a segment split into sentences), the fingerprint no longer matches:
the bead is *stale*, the translation may no longer say what the original says
(what PO files call "fuzzy"). ``toolkit check`` reports it; marking the bead again
records the text as it is now.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from toolkit.errors import ToolkitError
from toolkit.model import (
    PERSON_STATES,
    Alignment,
    Bead,
    BeadState,
    Segment,
    bead_name,
    changed_sides,
    fingerprint,
)


@dataclass(frozen=True)
class MarkRequest:
    """Which beads to mark, and how: beads naming any of ``ids`` (either side), and/or
    every ``auto`` bead with both sides scoring at least ``above`` (a sentence with no
    counterpart is a person's call, made by naming it)."""

    state: BeadState
    ids: tuple[str, ...] = ()
    above: float | None = None


def mark(
    alignment: Alignment,
    request: MarkRequest,
    source: Mapping[str, Segment],
    target: Mapping[str, Segment],
) -> tuple[Alignment, list[Bead]]:
    """The alignment with the chosen beads in ``request.state`` and their fingerprints
    recorded (``auto`` clears it). Returns the beads as marked. Raises ToolkitError for
    an ID in no bead, or ``omitted`` on a bead that has a translation."""
    chosen = _choose(alignment.beads, request)
    beads = list(alignment.beads)
    marked: list[Bead] = []
    for index in chosen:
        bead = beads[index]
        if request.state is BeadState.OMITTED and bead.target:
            raise ToolkitError(
                f"the bead {bead_name(bead)} has a translation, so it cannot be 'omitted'",
                fix="mark only beads with no translation (1-0) as omitted",
            )
        print_ = None if request.state is BeadState.AUTO else fingerprint(bead, source, target)
        beads[index] = replace(bead, state=request.state, fingerprint=print_)
        marked.append(beads[index])
    return replace(alignment, beads=tuple(beads)), marked


def _choose(beads: Sequence[Bead], request: MarkRequest) -> list[int]:
    chosen: set[int] = set()
    for ident in request.ids:
        found = [i for i, bead in enumerate(beads) if ident in bead.source or ident in bead.target]
        if not found:
            raise ToolkitError(
                f"no bead names segment {ident}",
                fix="give the ID of a segment that is aligned (see the .align file), or run "
                "toolkit align first",
            )
        chosen.update(found)
    if request.above is not None:
        chosen.update(
            i
            for i, bead in enumerate(beads)
            if bead.state is BeadState.AUTO
            and bead.source
            and bead.target
            and bead.score is not None
            and bead.score >= request.above
        )
    return sorted(chosen)


__all__ = ["PERSON_STATES", "MarkRequest", "bead_name", "changed_sides", "fingerprint", "mark"]
