"""The command line: each command is a few lines over the library (one module per command).

Exit status: 0 done (or clean), 1 findings at or above --fail-on, 2 bad usage or
input, 3 an internal error (a bug).
"""

from __future__ import annotations

from toolkit.cli.base import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_USAGE, cli, main

__all__ = ["EXIT_FINDINGS", "EXIT_INTERNAL", "EXIT_USAGE", "cli", "main"]
