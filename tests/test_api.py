"""The public API: every exported name resolves, and importing the model stays light."""

from __future__ import annotations

import importlib
import subprocess
import sys
from types import ModuleType

import pytest

#: The packages whose names load on first use (toolkit._lazy).
LAZY = ["toolkit", "toolkit.align", "toolkit.check", "toolkit.exchange", "toolkit.render"]
LAZY += ["toolkit.store"]


def _package(name: str) -> ModuleType:
    return importlib.import_module(name)


@pytest.mark.parametrize("name", LAZY)
def test_every_exported_name_resolves(name: str) -> None:
    package = _package(name)
    for exported in package.__all__:
        assert getattr(package, exported) is not None, exported
    with pytest.raises(AttributeError, match="has no attribute 'nothing_of_the_kind'"):
        _ = package.nothing_of_the_kind


@pytest.mark.parametrize("name", [n for n in LAZY if n != "toolkit.align"])
def test_all_lists_exactly_the_lazy_exports(name: str) -> None:
    package = _package(name)
    lazy = [n for names in package._EXPORTS.values() for n in names]
    assert sorted(set(package.__all__) - {"__version__"}) == sorted(lazy)


def test_importing_the_model_does_not_load_the_renderers() -> None:
    code = (
        "import sys, toolkit.model, toolkit.store\n"
        "heavy = [m for m in ('weasyprint', 'fontTools', 'toolkit.render') if m in sys.modules]\n"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
