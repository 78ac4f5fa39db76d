"""Packages whose public names load on first use: their modules pull in Pandoc,
WeasyPrint, fonts or the sentence encoder, which a command that needs none of them
should not pay for at start-up."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any


def lazy_names(package: str, exports: Mapping[str, Iterable[str]]) -> Callable[[str], Any]:
    """The module ``__getattr__`` of ``package``: each name in ``exports`` (module → names)
    is imported from its module when first asked for, then kept in the package."""
    where = {name: module for module, names in exports.items() for name in names}
    namespace = sys.modules[package].__dict__

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    return __getattr__
