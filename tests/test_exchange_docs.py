"""docs/exchange.md held to the code: its console sessions give the output it shows when
run on the repository's sample (and on the tests' rich work), its tables name the files
and states the export writes, and its PO, CSV and XLIFF excerpts are what the export
writes. A change to the exchange code that the doc does not follow fails here."""

from __future__ import annotations

import re
import shlex
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import REPO
from tests.exchange_work import make_exchange_work
from toolkit.cli import cli
from toolkit.exchange import ExportFormat, ExportOptions, export_work
from toolkit.exchange.files import table, xliff1, xliff2
from toolkit.model import BeadState

DOC = REPO / "docs" / "exchange.md"
TEXT = DOC.read_text("utf-8")
#: What a doc's session writes where the rest of the output does not matter.
ELIDED = "…"

Session = list[tuple[str, list[str]]]


def fenced() -> list[tuple[str, str]]:
    """The doc's fenced blocks: (the word after the opening fence, the content)."""
    out: list[tuple[str, str]] = []
    kind: str | None = None
    lines: list[str] = []
    for line in TEXT.splitlines():
        fence = re.fullmatch(r" *```(\w*)", line)
        if fence and kind is None:
            kind, lines = fence.group(1), []
        elif kind is not None and fence:
            out.append((kind, "".join(f"{x}\n" for x in lines)))
            kind = None
        elif kind is not None:
            lines.append(line)
    return out


def blocks(kind: str) -> list[str]:
    return [content for info, content in fenced() if info == kind]


def sessions() -> list[Session]:
    """Each ```console block: its commands (``$ …``, with ``\\`` continuations) and the
    lines each prints."""
    out: list[Session] = []
    for block in blocks("console"):
        session: Session = []
        pending = ""
        for line in textwrap.dedent(block).splitlines():
            if pending:
                pending = pending[:-1] + " " + line.strip()
            elif line.startswith("$ "):
                pending = line[2:]
            else:
                session[-1][1].append(line)
                continue
            if not pending.endswith("\\"):
                session.append((pending, []))
                pending = ""
        out.append(session)
    return out


def runnable(session: Session) -> bool:
    """Sessions of toolkit commands only (not zip, pofilter), on files in the repository
    (not in a reader's home folder): the fixture below makes the ones they read."""
    return all(c.startswith("toolkit ") and "~" not in c for c, _ in session)


SESSIONS = [s for s in sessions() if runnable(s)]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample work and the tests' rich work in a fresh repository that is also the
    current folder (the doc's paths are relative to it), with the files the doc's sessions
    read: the sample's PO export, the doc's own aligned CSV, and the files a translator
    edited as the doc tells."""
    for part in ("source/sample", "translations/sample"):
        shutil.copytree(REPO / part, tmp_path / part)
    make_exchange_work(tmp_path)
    po = export_work(tmp_path, "sample", ExportOptions(ExportFormat.PO)).path.read_text("utf-8")
    (bitext,) = [b for b in blocks("") if b.startswith("zh-Hant-TW,en\n")]
    (tmp_path / "aligned.csv").write_text(bitext, "utf-8")
    # reworded t7, s2 marked "Needs editing", the omitted s22 translated
    for old, new in (
        ("roasting tea needs most.", "roasting tea needs above all."),
        ('\nmsgctxt "s2"', '\n#, fuzzy\nmsgctxt "s2"'),
        ('人在草木間」。"\nmsgstr ""', '人在草木間」。"\nmsgstr "A person among grass and trees."'),
    ):
        assert old in po
        po = po.replace(old, new, 1)
    (tmp_path / "en.po").write_text(po, "utf-8")
    csv = export_work(tmp_path, "rich", ExportOptions(ExportFormat.CSV)).path
    edited = csv.read_text("utf-8-sig").replace("says, matters", "says, is what matters")
    (tmp_path / "rich-edited.csv").write_text(edited, "utf-8-sig")
    shutil.rmtree(tmp_path / "build" / "rich")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def matches(shown: list[str], printed: list[str]) -> bool:
    """Whether the printed lines are the doc's, ``…`` standing for any number of lines."""
    if not shown:
        return not printed
    if shown[0] == ELIDED:
        return any(matches(shown[1:], printed[i:]) for i in range(len(printed) + 1))
    return bool(printed) and shown[0] == printed[0] and matches(shown[1:], printed[1:])


def test_the_doc_has_sessions_to_run() -> None:
    # guards the parametrised test below from passing on no session at all
    commands = [c for s in SESSIONS for c, _ in s]
    assert len(SESSIONS) >= 5
    assert any(c.startswith("toolkit export") for c in commands)
    assert any(c.startswith("toolkit import") for c in commands)


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: s[0][0][:60])
def test_a_console_session_prints_what_the_doc_shows(repo: Path, session: Session) -> None:
    for command, shown in session:
        result = CliRunner().invoke(cli, ["--root", str(repo), *shlex.split(command)[1:]])
        assert matches(shown, result.output.splitlines()), f"$ {command}\n{result.output}"


def test_the_default_files_are_the_formats(repo: Path) -> None:
    for fmt in ExportFormat:
        row = next(line for line in TEXT.splitlines() if line.startswith(f"| `{fmt.value}` |"))
        assert f"`build/<work>/<work>.<lang>{fmt.suffix}`" in row, fmt


def test_the_state_table_is_what_the_xliffs_write() -> None:
    for state in BeadState:
        row = next(line for line in TEXT.splitlines() if line.startswith(f"| `{state.value}` |"))
        xliff2_cell, xliff1_cell = row.split("|")[2:4]
        assert f"`{xliff2.STATES[state]}`" in xliff2_cell, state
        assert f'state="{xliff1.STATES[state]}"' in xliff1_cell, state


def test_the_excerpts_are_what_the_export_writes(repo: Path) -> None:
    sample = {
        fmt: export_work(repo, "sample", ExportOptions(fmt)).path.read_text("utf-8-sig")
        for fmt in (ExportFormat.PO, ExportFormat.CSV)
    }
    rich = export_work(repo, "rich", ExportOptions(ExportFormat.XLIFF1)).path.read_text("utf-8")
    (po,) = blocks("po")
    for entry in po.strip().split("\n\n"):
        assert "\n\n" + entry + "\n\n" in sample[ExportFormat.PO]
    (csv,) = [b for b in blocks("") if b.startswith(",".join(table.COLUMNS))]
    rows = sample[ExportFormat.CSV].splitlines()
    first, last = csv.split(ELIDED)
    assert first.splitlines() == rows[:3]
    assert last.strip() in rows
    (xml,) = blocks("xml")
    for line in xml.splitlines():
        assert line in rich


def test_the_bitext_example_aligns_as_the_doc_says(repo: Path) -> None:
    (session,) = [s for s in SESSIONS if s[0][0].startswith("toolkit new tea")]
    for command, _ in session:
        CliRunner().invoke(cli, ["--root", str(repo), *shlex.split(command)[1:]])
    align = (repo / "translations" / "tea" / "en.align").read_text("utf-8")
    beads = [" ".join(line.split("\t")[:2]) for line in align.splitlines()[1:]]
    said = re.search(r"the work's alignment is\s+(.*?); `s4`", TEXT, re.S)
    assert said is not None
    assert re.findall(r"`([^`]+)`", said.group(1)) == beads


def _po_entry(po: str, ident: str) -> str:
    """The whole PO entry of the bead whose translation starts at ``ident``."""
    found = re.search(rf"#\. translation: {ident}\n.*?\n\n", po, re.S)
    assert found is not None
    return found.group()


#: How each file of the doc's table of refusals was made from the sample's exports (the
#: PO, the XLIFF 1.2), as the doc says: "the file …".
HOSTILE: dict[str, Callable[[str, str], str]] = {
    "broken.xlf": lambda po, xlf: xlf[:2000],
    "xxe.xlf": lambda po, xlf: xlf.replace(
        "<xliff ", '<!DOCTYPE xliff [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<xliff ', 1
    ),
    "lang.po": lambda po, xlf: po.replace('"Language: en\\n"', '"Language: fr\\n"', 1),
    "twice.po": lambda po, xlf: po.replace(
        "#. translation: t2\n", _po_entry(po, "t1") + "#. translation: t2\n", 1
    ),
    "unknown.po": lambda po, xlf: po.replace('msgctxt "s1"', 'msgctxt "s99"', 1),
    "realigned.po": lambda po, xlf: re.sub(
        r'msgctxt "s6,s7"\nmsgid ""\n"(.*?)\\n"\n".*?"', r'msgctxt "s6"\nmsgid "\1"', po, count=1
    ),
    "ids.po": lambda po, xlf: po.replace("#. translation: t7,t8", "#. translation: t7", 1),
    "original.po": lambda po, xlf: po.replace('msgid "老茶行"', 'msgid "老茶店"', 1),
    "fewer.po": lambda po, xlf: po.replace(
        '"Patience, he says, is what roasting tea needs most.\\n"\n', "", 1
    ),
    "both.po": lambda po, xlf: po.replace(
        "Dadaocheng lies on the western", "Dadaocheng is on the western", 1
    ),
    "blocky.po": lambda po, xlf: po.replace(
        "A few old tea shops still stand on its streets today.",
        "A few old tea shops {#t99} still stand.",
        1,
    ),
    "codes.xlf": lambda po, xlf: xlf.replace(
        '"signed-off">The Old', '"signed-off"><bpt id="1" ctype="italic">*</bpt>The Old', 1
    ),
}


def test_every_refusal_the_doc_shows_has_its_file_here() -> None:
    shown = re.findall(r"`error: ([\w-]+\.\w+):\d", TEXT.split("It refuses, naming the file")[1])
    assert shown and sorted(shown) == sorted(HOSTILE)


def _files(folder: Path) -> list[tuple[Path, bytes]]:
    return sorted((p, p.read_bytes()) for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_refusal_reads_as_the_doc_shows(repo: Path, name: str) -> None:
    po = export_work(repo, "sample", ExportOptions(ExportFormat.PO)).path.read_text("utf-8")
    xlf = export_work(repo, "sample", ExportOptions(ExportFormat.XLIFF1)).path.read_text("utf-8")
    made = HOSTILE[name](po, xlf)
    assert made != (po if name.endswith(".po") else xlf), "the recipe changed nothing"
    (repo / name).write_text(made, "utf-8")
    if name == "both.po":  # the store's translation edited since the export, too
        text = repo / "translations" / "sample" / "en.md"
        text.write_text(text.read_text("utf-8").replace(" lies on the", " lies at the", 1), "utf-8")
    store = _files(repo / "translations")
    result = CliRunner().invoke(
        cli, ["--root", str(repo), "import", "sample", name, "--lang", "en"]
    )
    assert result.exit_code == 2
    first = result.output.splitlines()[0]
    assert f"| `{first}` |" in TEXT
    assert _files(repo / "translations") == store
