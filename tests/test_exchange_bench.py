"""The exchange benchmark (``make bench``, ``python -m benchmarks exchange``) on a tiny work:
it measures every format, both ways and as commands, and Translate Toolkit on the same
files, and writes build/bench/exchange.json. Its timings are figures, not assertions:
what is checked is that each was measured on the units the work has."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks import exchange_bench, exchange_peer
from benchmarks.__main__ import main
from benchmarks.book import Book
from tests.conftest import unavailable

BEADS = 50
FORMATS = {"tmx", "xliff", "xliff1", "po", "csv", "tsv", "xlsx"}


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The benchmark run once, as ``python -m benchmarks exchange`` runs it, at 50 beads."""
    folder = tmp_path_factory.mktemp("bench")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        patch.setenv("BENCH_BEADS", str(BEADS))
        assert main(["exchange"]) == 0
    result: dict[str, Any] = json.loads((folder / "build/bench/exchange.json").read_text("utf-8"))
    return result


def test_every_format_is_exported_and_imported_back_unchanged(bench: dict[str, Any]) -> None:
    assert bench["work"]["beads"] == BEADS
    assert set(bench["formats"]) == FORMATS
    for fmt, row in bench["formats"].items():
        export, imported = row["export"], row["import"]
        assert export["units"] == BEADS, fmt
        assert export["bytes"] > 0 and export["peak_mb"] > 0, fmt
        assert "error" not in imported, (fmt, imported)
        assert imported["changed"] == imported["added"] == 0, (fmt, imported)
        assert imported["store_unchanged"] is True, fmt
        for key in ("seconds", "cpu_seconds", "seconds_without_findings"):
            assert isinstance(export[key], float), (fmt, key)
        assert isinstance(imported["cpu_seconds"], float)
        assert isinstance(imported["seconds"], float) and imported["peak_mb"] > 0


def test_the_commands_are_run_as_a_person_runs_them(bench: dict[str, Any]) -> None:
    for fmt, row in bench["formats"].items():
        command = row["command"]
        for what in ("export", "import"):
            assert command[what]["returncode"] == 0, (fmt, what, command[what].get("error"))
            assert command[what]["wall"] > 0 and command[what]["peak_mb"] > 10, (fmt, what)
        assert command["store_unchanged"] is True, fmt


def test_translate_toolkit_handles_the_same_units(bench: dict[str, Any]) -> None:
    if exchange_peer.installed() is None:
        unavailable("needs Translate Toolkit, the peer: pip install translate-toolkit")
    peer = bench["peer"]
    shapes = bench["work"]["shapes"]
    # po2tmx leaves out an entry with an empty side: the 1-0 and 0-1 beads.
    both_sides = BEADS - shapes.get("1-0", 0) - shapes.get("0-1", 0)
    assert shapes.get("1-0", 0) > 0 and both_sides < BEADS
    po2tmx = peer["po2tmx"]
    assert po2tmx["units"] == po2tmx["command_units"] == both_sides
    assert po2tmx["ours_units"] == BEADS
    assert po2tmx["command"]["returncode"] == 0 and isinstance(po2tmx["api_seconds"], float)
    assert set(peer["read"]) == {"xliff", "xliff1", "tmx", "po"}
    for fmt, read in peer["read"].items():
        assert read["units"] == read["ours_units"] == BEADS, fmt
    assert peer["read"]["xliff1"]["how"] == "factory.getobject"
    assert bench["machine"]["cpus"] >= 1


def test_the_table_has_a_row_per_format_and_the_peer(
    bench: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    exchange_bench._print(bench, Book(**bench["work"]))
    lines = capsys.readouterr().out.splitlines()
    for fmt in FORMATS:
        assert sum(line.split()[0] == fmt for line in lines if line.strip()) == 1, fmt
    assert any(line.lstrip().startswith("po2tmx") for line in lines)
    assert "the targets are for 10,000 beads" in "\n".join(lines)


def test_a_missed_target_is_said_with_its_figure() -> None:
    row: dict[str, Any] = {
        "export": {"seconds": 2.4, "seconds_without_findings": 0.5},
        "import": {"seconds": 0.5, "store_unchanged": True},
        "command": {
            "export": {"wall": 2.2, "returncode": 0},
            "import": {"wall": 3.0, "returncode": 0},
            "store_unchanged": True,
        },
    }
    peer = {"po2tmx": {"api_seconds": 1.2, "command": {"wall": 2.0}}}
    assert exchange_bench._misses({"tmx": row}, peer) == [
        "export tmx: 2.4 s > 2 s target",
        "export tmx (command): 2.2 s > 2 s target",
        "import tmx (command): 3.0 s > 2 s target",
        "export tmx: 2.40 s, slower than po2tmx on the same units (1.20 s)",
        "export tmx (command): 2.20 s, slower than the po2tmx command on the same units (2.00 s)",
    ]
    quiet = row["command"] | {"export_without_findings": {"wall": 2.1, "returncode": 0}}
    row |= {"export": {"seconds": 1.9, "seconds_without_findings": 1.3}, "command": quiet}
    assert exchange_bench._misses({"tmx": row}, peer)[2:] == [
        "export tmx: 1.90 s, slower than po2tmx on the same units (1.20 s)",
        "export tmx --no-findings: 1.30 s, slower than po2tmx on the same units (1.20 s)",
        "export tmx (command): 2.20 s, slower than the po2tmx command on the same units (2.00 s)",
        "export tmx --no-findings (command): 2.10 s, slower than the po2tmx command on the "
        "same units (2.00 s)",
    ]
    quick = {"wall": 1.0, "returncode": 0}
    met = row | {
        "export": {"seconds": 0.4, "seconds_without_findings": 0.3},
        "command": row["command"] | {"export": quick, "import": quick},
    }
    slower_peer = {"po2tmx": {"api_seconds": 1.2, "command": {"wall": 2.5}}}
    assert exchange_bench._misses({"tmx": met}, slower_peer) == []


def test_without_translate_toolkit_the_peer_is_said_to_be_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exchange_peer, "installed", lambda: None)
    assert exchange_bench._peer(tmp_path, {}) == {"skipped": "Translate Toolkit is not installed"}


def test_the_store_is_compared_byte_for_byte_outside_build(tmp_path: Path) -> None:
    """What says a round trip left the work as it was: any byte of source/ or
    translations/ counts, and what an export writes under build/ does not."""
    for name in ("a", "b"):
        for path in ("source/w/text.md", "translations/w/en.md"):
            (tmp_path / name / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name / path).write_text("一。 {#s1}\n", "utf-8")
    a, b = tmp_path / "a", tmp_path / "b"
    (b / "build").mkdir()
    (b / "build" / "w.tmx").write_text("<tmx/>", "utf-8")
    assert exchange_bench._same_files(a, b)
    (b / "translations/w/en.md").write_text("一。 {#s1}\r\n", "utf-8")
    assert not exchange_bench._same_files(a, b)
    (b / "translations/w/en.md").write_text("一。 {#s1}\n", "utf-8")
    (b / "translations/w/en.align").write_text("", "utf-8")
    assert not exchange_bench._same_files(a, b)
