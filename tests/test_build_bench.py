"""The build benchmark's generated book (benchmarks/book.py): a work the toolkit reads as
any other, of the size asked, that ``toolkit build`` would not refuse."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from benchmarks.book import WORK, _numeral, write_book
from toolkit.check import structural_errors
from toolkit.check.review import check_review
from toolkit.model import BlockKind, Document, Emph, Inline, Link, NoteRef, Strong
from toolkit.store.inline import parse_inline
from toolkit.store.work import load_work

#: The digest of the 300-bead plain book's files (their paths and bytes, in order).
PLAIN_300 = "68fc116f3379c2b5f8342cd2f99bb4bc916f71bbccb97a5bdc90830b6c3be767"


@pytest.fixture(scope="module")
def book_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("book")
    write_book(root, 1000)
    return root


def test_the_book_loads_with_the_beads_asked_and_no_structural_error(book_root: Path) -> None:
    work = load_work(book_root, WORK)
    alignment = work.translations["en"].alignment
    assert alignment is not None
    assert len(alignment.beads) == 1000
    assert structural_errors(work) == []
    # The omitted beads carry the fingerprint `toolkit mark` records: nothing to review.
    assert check_review(work) == []


def test_the_book_has_every_bead_shape_headings_and_paragraphs(book_root: Path) -> None:
    work = load_work(book_root, WORK)
    alignment = work.translations["en"].alignment
    assert work.source is not None and alignment is not None
    shapes = {bead.shape for bead in alignment.beads}
    assert {"1-1", "2-1", "1-2", "1-0", "0-1"} <= shapes
    assert all(b.state.value == "omitted" for b in alignment.beads if b.shape == "1-0")
    blocks = work.source.blocks
    headings = [b for b in blocks if b.kind is BlockKind.HEADING]
    assert 1000 / 45 < len(headings) < 1000 / 35  # one every ~40 beads
    assert headings[11].segments[0].text.startswith("第十二章")
    sizes = [len(b.segments) for b in blocks if b.kind is BlockKind.PARAGRAPH]
    assert sum(3 <= n <= 7 for n in sizes) > 0.9 * len(sizes)  # a 2-1 bead adds a sentence


@pytest.mark.parametrize("beads", [1, 41, 333])
def test_any_size_is_exact(tmp_path: Path, beads: int) -> None:
    book = write_book(tmp_path, beads)
    alignment = load_work(tmp_path, WORK).translations["en"].alignment
    assert alignment is not None
    assert book.beads == len(alignment.beads) == beads
    assert sum(book.shapes.values()) == beads


def _marks(doc: Document) -> dict[str, int]:
    """Emphases, strong emphases, links and footnote references in a document's text, and
    its footnotes."""
    found = {"emphasis": 0, "strong": 0, "links": 0, "references": 0}

    def walk(nodes: tuple[Inline, ...]) -> None:
        for node in nodes:
            kind = {Emph: "emphasis", Strong: "strong", Link: "links", NoteRef: "references"}
            if type(node) in kind:
                found[kind[type(node)]] += 1
            if isinstance(node, Emph | Strong | Link):
                walk(node.children)

    for segment in doc.segments():
        walk(parse_inline(segment.text))
    found["footnotes"] = sum(b.kind is BlockKind.FOOTNOTE for b in doc.blocks)
    return found


def test_a_rich_book_has_the_same_markup_on_both_sides_and_no_structural_error(
    tmp_path: Path,
) -> None:
    book = write_book(tmp_path, 1000, rich=True)
    work = load_work(tmp_path, WORK)
    alignment = work.translations["en"].alignment
    assert work.source is not None and alignment is not None
    assert len(alignment.beads) == book.beads == 1000
    assert structural_errors(work) == []  # each footnote referred to once, and defined
    assert check_review(work) == []
    translation = work.translations["en"].document
    assert translation is not None
    zh, en = _marks(work.source), _marks(translation)
    # A 1-0 bead's markup is the original's alone, a 0-1 bead's the translation's.
    for side in (zh, en):
        for kind in ("emphasis", "strong", "links"):
            assert 0.8 * book.marks[kind] <= side[kind] <= book.marks[kind], (kind, side)
        assert side["footnotes"] == side["references"] == book.marks["footnotes"]
    assert min(book.marks.values()) >= 15


def test_the_plain_book_is_the_same_bytes_as_before_rich_books_existed(tmp_path: Path) -> None:
    """The markup's draws are its own: the plain book, which the build benchmark's figures
    are about, is byte for byte the book written before ``rich`` existed (its digest)."""
    plain = write_book(tmp_path, 300)
    digest = hashlib.sha256()
    for path in sorted(tmp_path.rglob("*.*")):
        digest.update(str(path.relative_to(tmp_path)).encode())
        digest.update(path.read_bytes())
    assert plain.marks == {}
    assert digest.hexdigest() == PLAIN_300


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    def written(folder: Path, seed: int) -> dict[str, bytes]:
        write_book(folder, 200, seed=seed)
        return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*.*")}

    first = written(tmp_path / "a", 3)
    assert first == written(tmp_path / "b", 3)
    assert first != written(tmp_path / "c", 4)


@pytest.mark.parametrize(
    ("n", "written"),
    [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (105, "一百零五"), (110, "一百一十"),
     (1001, "一千零一"), (2030, "二千零三十")],
)  # fmt: skip
def test_chapter_numerals(n: int, written: str) -> None:
    assert _numeral(n) == written
