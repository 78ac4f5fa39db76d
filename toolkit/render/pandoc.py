"""Run the Pandoc that the pypandoc-binary package bundles, on a JSON AST."""

from __future__ import annotations

import json
import logging
import subprocess
from pathlib import Path
from typing import Any

from toolkit.errors import StageError

log = logging.getLogger("toolkit.render.pandoc")


def pandoc_path() -> str:
    try:
        import pypandoc
    except ImportError:  # pragma: no cover - a broken install
        raise StageError("pypandoc-binary is not installed", fix="run make build") from None
    return str(pypandoc.get_pandoc_path())


def run_pandoc(document: dict[str, Any], to: str, output: Path, args: list[str]) -> None:
    """Convert ``document`` (Pandoc JSON) to format ``to`` in ``output``."""
    command = [pandoc_path(), "--from=json", f"--to={to}", f"--output={output}", *args]
    log.info("pandoc: %s -> %s", to, output.name)
    result = subprocess.run(
        command,
        input=json.dumps(document, ensure_ascii=False).encode("utf-8"),
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise StageError(
            f"pandoc failed ({result.returncode}) writing {output}:\n"
            + result.stderr.decode("utf-8", "replace").strip(),
            fix="this is a toolkit bug if the input files passed toolkit check; please report it",
        )
    for line in result.stderr.decode("utf-8", "replace").splitlines():
        # Pandoc has no term translations for some tags (zh-Hant-TW); our labels are our own.
        quiet = any(
            words in line
            for words in (
                "Could not load translations",
                "data file translations/",
                "has no translation defined",
            )
        )
        log.log(logging.INFO if quiet else logging.WARNING, "pandoc: %s", line)
