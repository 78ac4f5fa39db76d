"""Translate Toolkit on our exchange files, the peer of the exchange benchmark.

Translate Toolkit is a test-only dependency (GPL): only the benchmarks and the tests
import it, never the toolkit. It is measured on the files our export wrote, so that both
tools handle the same units:

- ``po2tmx`` converting our PO to TMX, as its Python API in this process (best of three,
  reading the PO included, as our export's figure includes reading the store) and as its
  command, once, start-up included (as ``toolkit export`` is timed); the units it wrote,
  beside ours (it leaves out an entry with an empty side: a 0-1 or 1-0 bead);
- ``translate.storage.factory.getobject`` reading our XLIFF 2.1 and 1.2 (and TMX and
  PO), best of three: the units it sees beside the beads we wrote. The factory takes a
  ``.xlf`` for XLIFF 1 and refuses a 2.x file; it is then given Translate Toolkit's own
  XLIFF 2 class for the suffix (``classes=``), and the refusal is reported.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import sys
from pathlib import Path
from typing import Any

from lxml import etree

from benchmarks.exchange_run import best, launch

BIN = Path(sys.executable).parent


def installed() -> str | None:
    """Translate Toolkit's version, or None when it is not installed."""
    if importlib.util.find_spec("translate") is None:
        return None
    return importlib.metadata.version("translate-toolkit")


def po2tmx(po: Path, out: Path, source_lang: str, target_lang: str) -> dict[str, Any]:
    """``po2tmx`` on ``po``: API seconds (best of three), the command's figures, the
    units (``<tu>``) each wrote."""
    from translate.convert.po2tmx import po2tmx as Converter
    from translate.storage import tmx

    def convert() -> Path:
        store = tmx.tmxfile()
        with po.open("rb") as f:
            Converter().convertfiles(f, store, source_lang, target_lang)
        store.setsourcelanguage(source_lang)
        with (out / "po2tmx-api.tmx").open("wb") as f:
            store.serialize(f)
        return out / "po2tmx-api.tmx"

    api, written = best(convert)
    command_tmx = out / "po2tmx-command.tmx"
    script = [str(BIN / "po2tmx"), "--progress=none", "-i", str(po), "-o", str(command_tmx)]
    command = launch([*script, "-l", target_lang, "--source-language", source_lang])
    return {
        "api_seconds": round(api.wall, 3),
        "api_cpu_seconds": round(api.cpu, 3),
        "command": command,
        "units": count_tu(written),
        "command_units": count_tu(command_tmx) if command_tmx.is_file() else 0,
    }


def read(path: Path) -> dict[str, Any]:
    """``getobject`` reading one of our files: seconds (best of three), the units it sees
    (a PO header is not one), and how it was read."""
    from translate.storage import factory

    how = "factory.getobject"
    classes: dict[str, Any] | None = None
    try:
        factory.getobject(str(path))
    except ValueError as refused:
        if "XLIFF 2" not in str(refused):
            raise
        from translate.storage.xliff2 import Xliff2File

        classes = {"xlf": Xliff2File}
        how = f"factory.getobject with classes={{'xlf': Xliff2File}}; alone it refused: {refused}"

    def load() -> int:
        store = factory.getobject(str(path), classes=classes)
        return sum(1 for unit in store.units if not unit.isheader())

    timed, units = best(load)
    return {"seconds": round(timed.wall, 3), "units": units, "how": how}


def count_tu(tmx: Path) -> int:
    """The translation units of a TMX file."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    root = etree.parse(str(tmx), parser).getroot()
    return sum(1 for _ in root.iter("tu"))
