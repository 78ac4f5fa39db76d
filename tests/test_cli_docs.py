"""Every command, and every option of every command, is documented: named in the README
or in docs/ as a person would type it (``toolkit build``, ``--jobs``)."""

from __future__ import annotations

import click
import pytest

from tests.conftest import REPO
from toolkit.cli import cli

DOCS = (REPO / "README.md").read_text("utf-8") + "".join(
    path.read_text("utf-8") for path in sorted((REPO / "docs").glob("*.md"))
)
CONTEXT = click.Context(cli)
COMMANDS = cli.list_commands(CONTEXT)


def test_the_commands_are_the_ones_the_toolkit_has() -> None:
    assert {"align", "build", "check", "import", "mark", "new", "segment"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_and_its_options_are_documented(name: str) -> None:
    command = cli.get_command(CONTEXT, name)
    assert command is not None
    assert f"toolkit {name}" in DOCS
    options = [o for p in command.params for o in p.opts if o.startswith("--")]
    assert [o for o in options if o not in DOCS] == []
