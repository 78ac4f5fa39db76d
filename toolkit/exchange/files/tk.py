"""What the toolkit keeps of a bead in its own namespace on an XLIFF unit (1.2 and 2.1):
the translation's segment IDs, the state the export wrote, and the base (what the
translation read as when exported). Written and read the same way in both versions."""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.exchange.units import Unit
from toolkit.exchange.xml import Element

TK = "urn:bilingual-toolkit:exchange"


def tk_attributes(unit: Unit) -> str:
    """The unit's ``tk:`` attributes, each after a space (IDs, state values and bases
    are names or hex digits: nothing to escape)."""
    ids = f' tk:translation="{",".join(unit.target_ids)}"' if unit.target_ids else ""
    return f'{ids} tk:state="{unit.state.value}" tk:base="{unit.base}"'


@dataclass(frozen=True)
class TkMarks:
    """A unit's ``tk:`` attributes as read: ``exported`` is the state the export wrote
    (None: not one of ours); ``target_ids`` is None when the file does not say."""

    exported: str | None
    target_ids: tuple[str, ...] | None
    base: str | None

    @classmethod
    def of(cls, unit: Element) -> TkMarks:
        exported = unit.get(f"{{{TK}}}state")
        ids = unit.get(f"{{{TK}}}translation")
        target_ids = tuple(ids.split(",")) if ids else (() if exported is not None else None)
        return cls(exported, target_ids, unit.get(f"{{{TK}}}base"))
