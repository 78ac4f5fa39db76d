"""The segment store: parse and write throughput, side by side with Pandoc reading the same file.

Pandoc is the peer: the store is Pandoc-flavoured Markdown, and the question is
what our exact, line-based reader costs next to Pandoc's general Markdown
reader on the same bytes (Pandoc's figure includes its process start-up,
which is reported separately).
"""

from __future__ import annotations

import statistics
import subprocess
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from pathlib import Path

from toolkit.model import Block, BlockKind, Document, Segment
from toolkit.render.pandoc import pandoc_path
from toolkit.store.document import parse_document, write_document
from toolkit.store.inline import escape, parse_inline

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "mac-dev"
REPEAT = 5


def _sentences() -> tuple[list[str], str]:
    files = sorted((CORPUS / "zh").glob("*")) + sorted((CORPUS / "en").glob("*"))
    if not files:
        print(f"store bench: {CORPUS} is absent; using generated text instead")
        base = ["今天天氣很好，我們去「公園」散步。", "The weather is *fine* today, isn't it?"]
        return [f"{base[i % 2]} {i}" for i in range(20000)], "generated"
    lines = [line for f in files for line in f.read_text("utf-8").splitlines() if line.strip()]
    return lines * 5, f"mac-dev zh+en sentences x5 ({CORPUS})"


def _document(sentences: list[str]) -> Document:
    blocks: list[Block] = []
    for start in range(0, len(sentences), 4):
        segs = tuple(
            Segment(f"s{start + i + 1}", escape(text))
            for i, text in enumerate(sentences[start : start + 4])
        )
        blocks.append(Block(BlockKind.PARAGRAPH, segs, blank_before=1 if blocks else 0))
    return Document(tuple(blocks))


def _best(fn: Callable[[], object], repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def run() -> dict[str, object]:
    sentences, source = _sentences()
    text = write_document(_document(sentences))
    size_mb = len(text.encode("utf-8")) / 1e6
    parse_s = _best(lambda: parse_document(text))
    doc = parse_document(text)
    write_s = _best(lambda: write_document(doc))
    inline_s = _best(lambda: [parse_inline(s.text) for s in doc.segments()])
    tracemalloc.start()
    parse_document(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert write_document(doc) == text

    pandoc = pandoc_path()
    startup = statistics.median(
        _timed([pandoc, "-f", "markdown", "-t", "json"], b"x") for _ in range(3)
    )
    pandoc_s = min(
        _timed([pandoc, "-f", "markdown", "-t", "json"], text.encode("utf-8")) for _ in range(3)
    )
    result: dict[str, object] = {
        "source": source,
        "segments": len(sentences),
        "megabytes": round(size_mb, 2),
        "toolkit_parse_s": round(parse_s, 4),
        "toolkit_write_s": round(write_s, 4),
        "toolkit_inline_parse_s": round(inline_s, 4),
        "toolkit_parse_peak_mb": round(peak / 1e6, 1),
        "toolkit_parse_mb_per_s": round(size_mb / parse_s, 1),
        "pandoc_markdown_to_json_s": round(pandoc_s, 4),
        "pandoc_startup_s": round(startup, 4),
        "pandoc_mb_per_s_excluding_startup": round(size_mb / max(pandoc_s - startup, 1e-9), 1),
    }
    print(
        f"store: {len(sentences)} segments, {size_mb:.2f} MB ({source})\n"
        f"  toolkit parse {parse_s * 1000:.0f} ms ({size_mb / parse_s:.1f} MB/s, "
        f"peak {peak / 1e6:.0f} MB), write {write_s * 1000:.0f} ms, "
        f"inline markup {inline_s * 1000:.0f} ms\n"
        f"  pandoc markdown->json {pandoc_s * 1000:.0f} ms (start-up {startup * 1000:.0f} ms)"
    )
    if pandoc_s < parse_s + inline_s:
        print("  note: pandoc is faster than the toolkit's reader on this input")
    result["one_paragraph"] = _one_paragraph()
    return result


def _one_paragraph() -> dict[str, object]:
    """One paragraph of many lines: reading must grow with its lines, not their square
    (it once rebuilt the block for each line: 137 s for 200 000 lines)."""
    seconds: dict[int, float] = {}
    for lines in (50_000, 200_000):
        text = "".join(f"第{i}句。 {{#s{i}}}\n" for i in range(1, lines + 1))
        seconds[lines] = _best(partial(parse_document, text))
    ratio = seconds[200_000] / seconds[50_000]
    print(
        f"  one paragraph: 50 000 lines {seconds[50_000]:.2f} s, 200 000 lines "
        f"{seconds[200_000]:.2f} s (x{ratio:.1f} for x4 the lines; linear is x4, quadratic x16)"
    )
    result: dict[str, object] = {f"lines_{n}_s": round(s, 3) for n, s in seconds.items()}
    return result | {"ratio": round(ratio, 2)}


def _timed(command: list[str], data: bytes) -> float:
    start = time.perf_counter()
    subprocess.run(command, input=data, capture_output=True, check=True)
    return time.perf_counter() - start
