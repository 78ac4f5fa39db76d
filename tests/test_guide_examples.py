"""The guide's command examples against the real command line (issue 10), so that the
guide cannot drift from the tool.

The guide's code blocks are of two kinds:

- ``console``: ``$ toolkit …`` lines, each followed by what the command prints. Each
  block runs, command after command, in a copy of the guide's work, and what each command
  prints (its output and its errors, as a terminal shows them) must be what the guide
  says, exactly.
- ``sh``: commands without their output. Each ``toolkit`` command must be one the command
  line accepts today: its command, options and their values are parsed by the real
  command line (nothing runs).

Code is not translated: the original and the translation have the same code blocks.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import click
import pytest

from tests.conftest import REPO
from toolkit.check import check_work
from toolkit.cli import cli
from toolkit.model import BlockKind, CodeText, Document
from toolkit.store.work import load_work

PROMPT = "$ "


@dataclass(frozen=True)
class Session:
    """A command of a ``console`` block and what the guide says it prints."""

    command: str
    prints: str


def _code_blocks(document: Document | None) -> list[CodeText]:
    assert document is not None
    return [b.code for b in document.blocks if b.kind is BlockKind.CODE and b.code is not None]


def _guide_code() -> list[CodeText]:
    work = load_work(REPO, "guide")
    return _code_blocks(work.source)


def sessions(block: CodeText) -> list[Session]:
    """A ``console`` block's commands, each with the lines up to the next prompt."""
    found: list[Session] = []
    for line in block.lines:
        if line.startswith(PROMPT):
            found.append(Session(line.removeprefix(PROMPT), ""))
        else:
            assert found, f"a console block must start with a '{PROMPT}' line: {line!r}"
            last = found[-1]
            found[-1] = Session(last.command, last.prints + line + "\n")
    return found


def _console_blocks() -> list[CodeText]:
    return [b for b in _guide_code() if b.info == "console"]


def _shell_commands() -> list[str]:
    return [
        line
        for block in _guide_code()
        if block.info == "sh"
        for line in block.lines
        if line.startswith("toolkit ")
    ]


def test_the_original_and_the_translation_have_the_same_code() -> None:
    work = load_work(REPO, "guide")
    original = _code_blocks(work.source)
    assert original == _code_blocks(work.translations["en"].document)
    assert {b.info for b in original} == {"console", "sh"}
    assert len(_console_blocks()) >= 3 and len(_shell_commands()) >= 10


def test_a_console_block_is_read_as_commands_and_what_they_print() -> None:
    block = CodeText(("$ toolkit a", "one", "", "two", "$ toolkit b"), "console")
    assert sessions(block) == [Session("toolkit a", "one\n\ntwo\n"), Session("toolkit b", "")]


def _run(command: str, cwd: Path) -> str:
    argv = shlex.split(command)
    assert argv[0] == "toolkit", command
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "toolkit", *argv[1:]],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
    )
    return done.stdout


@pytest.mark.parametrize(
    "block", _console_blocks(), ids=lambda b: sessions(b)[0].command.replace(" ", "-")
)
def test_each_console_example_prints_what_the_guide_says(block: CodeText, tmp_path: Path) -> None:
    for top in ("source", "translations"):
        shutil.copytree(REPO / top / "guide", tmp_path / top / "guide")
    for session in sessions(block):
        assert _run(session.command, tmp_path) == session.prints, session.command


def accepted(command: str) -> None:
    """Parse ``command`` as the real command line would, down to its subcommand, without
    running it; raise click's error if it is not a command the tool takes."""
    argv = shlex.split(command)[1:]
    try:
        with cli.make_context("toolkit", argv) as context:
            rest = context.args  # what follows the command's name
            name = argv[len(argv) - len(rest) - 1]
            sub = cli.get_command(context, name)
            if sub is None:
                raise click.UsageError(f"no such command: {name}")
            sub.make_context(name, rest, parent=context).close()
    except click.exceptions.Exit as stop:  # --help, --version
        assert stop.exit_code == 0


#: Files the examples name that are not the repository's: the reader's own (an original
#: saved from the web), or what an earlier command of the example wrote.
READERS_FILES = ("original.html", "build/guide/guide.en.xliff12.xlf")


def readme_blocks() -> list[tuple[str, str]]:
    """The README's fenced blocks, each as (its info string, its text)."""
    blocks: list[tuple[str, str]] = []
    info: str | None = None
    lines: list[str] = []
    for line in (REPO / "README.md").read_text("utf-8").splitlines():
        if info is None and line.startswith("```"):
            info, lines = line[3:].strip(), []
        elif info is not None and line == "```":
            blocks.append((info, "".join(f"{x}\n" for x in lines)))
            info = None
        elif info is not None:
            lines.append(line)
    return blocks


def readme_commands() -> list[str]:
    """The ``toolkit`` commands of the README's ``sh`` blocks, continuation lines joined
    and comments left out."""
    commands: list[str] = []
    for info, block in readme_blocks():
        if info != "sh":
            continue
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            if words[:1] == ["toolkit"]:
                commands.append(shlex.join(words))
    return commands


@pytest.fixture
def where_files_are(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder where the files the examples name exist: the repository's (``docs/…``),
    and the others (``READERS_FILES``)."""
    (tmp_path / "docs").symlink_to(REPO / "docs")
    for name in READERS_FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("command", _shell_commands())
@pytest.mark.usefixtures("where_files_are")
def test_each_shell_example_is_a_command_the_tool_takes(command: str) -> None:
    accepted(command)


@pytest.mark.usefixtures("where_files_are")
def test_the_readme_shows_the_guide_and_commands_the_tool_takes() -> None:
    commands = readme_commands()
    assert sum(c.startswith("toolkit new guide ") for c in commands) == 1
    for command in commands:
        accepted(command)


def test_the_readmes_excerpts_of_the_guide_are_its_files_as_they_are() -> None:
    blocks = [block for info, block in readme_blocks() if not info]
    files = {
        "{#s": (REPO / "source/guide/text.md").read_text("utf-8"),
        "\treviewed\t": (REPO / "translations/guide/en.align").read_text("utf-8"),
    }
    shown = [(block, file) for block in blocks for mark, file in files.items() if mark in block]
    assert len(shown) == 2
    # Lines picked from the file, each as the file has it.
    assert [x for b, file in shown for x in b.splitlines() if x not in file.splitlines()] == []


@pytest.mark.parametrize(
    "command",
    [
        "toolkit mark guide --lang en --state approved s7",  # not a state
        "toolkit build guide --to docx",  # not a format
        "toolkit align guide --language en",  # no such option
        "toolkit publish guide",  # no such command
        "toolkit new guide --title x",  # --lang is required
        "toolkit import guide docs/examples/guide/missing.md --lang en",  # no such file
    ],
)
def test_a_command_the_tool_does_not_take_is_refused(command: str) -> None:
    with pytest.raises(click.ClickException):
        accepted(command)


FENCED = "sh"  # the info string of the code added


def test_the_checks_leave_code_alone(tmp_path: Path) -> None:
    """Code in either text that would be a finding as prose (Chinese punctuation in the
    English, Simplified characters in the Traditional original, numbers that differ, a
    term off the glossary, an unsafe address) is none: code is not translated."""
    for top in ("source", "translations"):
        shutil.copytree(REPO / top / "guide", tmp_path / top / "guide")
    code = {
        "source/guide/text.md": 'echo "贸易额达2400亿美元" 「對應單位」 javascript:alert(1)',
        "translations/guide/en.md": 'echo "US$24 billion" 「對應單位」 javascript:alert(1)',
    }
    for name, line in code.items():
        path = tmp_path / name
        path.write_text(path.read_text("utf-8") + f"\n```{FENCED}\n{line}\n```\n", "utf-8")
    work = load_work(tmp_path, "guide")
    for document in (work.source, work.translations["en"].document):
        assert document is not None and document.blocks[-1].kind is BlockKind.CODE
    assert [f.describe() for f in check_work(work).findings] == []
