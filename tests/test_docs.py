"""Every command of the command line is documented in README.md and has help text."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from toolkit.cli import cli

README = Path(__file__).resolve().parent.parent / "README.md"
with click.Context(cli) as _ctx:
    COMMANDS = cli.list_commands(_ctx)


def command_of(name: str) -> click.Command:
    with click.Context(cli) as ctx:
        command = cli.get_command(ctx, name)
    assert command is not None and command.name == name, f"no module defines 'toolkit {name}'"
    return command


def test_the_cli_has_the_commands_this_test_expects() -> None:
    # Guards the parametrised tests below from passing on an empty command list.
    assert {"check", "import", "build"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_documented_in_readme(name: str) -> None:
    assert README.is_file(), "README.md is missing"
    assert f"toolkit {name}" in README.read_text(encoding="utf-8"), (
        f"README.md does not show 'toolkit {name}'"
    )


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_text(name: str) -> None:
    command = command_of(name)
    assert command.help and command.help.strip(), f"'toolkit {name}' has no help text"
    assert command.get_short_help_str().strip()
    with click.Context(command, info_name=name) as ctx:
        text = command.get_help(ctx)
    assert command.help.strip().splitlines()[0] in text
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"'toolkit {name}' option {param.opts[0]} has no help text"


def test_the_group_has_help_text() -> None:
    assert cli.help and cli.help.strip()
    for param in cli.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"option {param.opts[0]} has no help text"


ROBUSTNESS = README.parent / "docs" / "robustness.md"


def test_every_test_the_robustness_table_names_exists() -> None:
    text = ROBUSTNESS.read_text(encoding="utf-8")
    named = re.findall(r"`(test_[a-z_]+\.py)::(test_\w+)`", text)
    assert len(named) >= 60  # the table is not empty
    missing = []
    for file, test in named:
        source = (README.parent / "tests" / file).read_text(encoding="utf-8")
        if not re.search(rf"^def {test}\(", source, re.M):
            missing.append(f"{file}::{test}")
    assert missing == []
