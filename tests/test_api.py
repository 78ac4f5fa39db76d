"""The public API: every exported name resolves, and importing the model stays light."""

from __future__ import annotations

import subprocess
import sys

import toolkit


def test_every_exported_name_resolves() -> None:
    for name in toolkit.__all__:
        assert getattr(toolkit, name) is not None, name


def test_all_lists_exactly_the_lazy_exports() -> None:
    assert sorted(toolkit.__all__) == sorted(["__version__", *toolkit._MODULE_OF])


def test_importing_the_model_does_not_load_the_renderers() -> None:
    code = (
        "import sys, toolkit.model, toolkit.store\n"
        "heavy = [m for m in ('weasyprint', 'fontTools', 'toolkit.render') if m in sys.modules]\n"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
