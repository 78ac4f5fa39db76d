"""A new user's whole path through the command line: new, import a saved page, a DOCX and a
Big5 text, segment, align, mark, check and build, on the project's own fixtures."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from toolkit.cli import cli
from toolkit.render.pandoc import pandoc_path
from toolkit.store.document import read_document
from toolkit.store.inline import plain_text
from toolkit.store.work import load_work

CASES = Path(__file__).parent / "cases" / "import"


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), *args])


def _new(root: Path) -> None:
    result = run(
        root,
        "new",
        "market",
        "--lang",
        "zh-Hant-TW",
        "--title",
        "城市裡的小農市集",
        "--author",
        "王小明",
        "--translation",
        "en=A Report on Night Markets",
    )
    assert result.exit_code == 0, result.output


def test_a_saved_page_imports_as_a_clean_original_in_sentence_lines(tmp_path: Path) -> None:
    _new(tmp_path)
    page = tmp_path / "download" / "zh-news.html"
    shutil.copytree(CASES, page.parent, ignore=shutil.ignore_patterns("*.expected.*"))
    result = run(tmp_path, "import", "market", str(page), "--lang", "zh-Hant-TW")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for said in (
        "set aside: page outside the article: outside the article",
        "set aside: h1.post-title: the title, which repeats the metadata's title",
        "set aside: span.author (byline): the byline",
        "set aside: span.post-views: a read or view counter",
        "set aside: div.share-buttons: share buttons",
        "moved to metadata: image_credits",
        "image: ",
    ):
        assert said in out, said
    source = read_document(tmp_path / "source/market/text.md")
    lines = [plain_text(s.text) for s in source.segments()]
    body = "\n".join(lines)
    for furniture in ("319 人閱讀", "文／王小明", "分享到", "試刊新聞網", "搜尋"):
        assert furniture not in body
    # One sentence a line: the first paragraph's two sentences are two segments.
    assert "每到週末，河濱公園旁的空地就會變成一座熱鬧的市集。" in lines
    assert (tmp_path / "source/market/images/market-178e5d43.png").is_file()
    assert (tmp_path / "source/market/zh-Hant-TW.import.yaml").is_file()
    checked = run(tmp_path, "check", "market")
    assert "import-text-lost" not in checked.stdout
    assert "image-missing" not in checked.stdout


def test_a_big5_text_file_imports_as_the_original(tmp_path: Path) -> None:
    _new(tmp_path)
    text = tmp_path / "big5.txt"
    text.write_bytes("城市裡的小農市集\n文／王小明\n\n市集開張了。大家都來了！\n".encode("big5"))
    result = run(tmp_path, "import", "market", str(text), "--lang", "zh-Hant-TW")
    assert result.exit_code == 0, result.output
    assert "read as big5 (detected)" in result.stdout
    assert "set aside: line 1: the title" in result.stdout
    assert "set aside: line 2: the byline" in result.stdout
    work = load_work(tmp_path, "market")
    assert work.source is not None
    assert [plain_text(s.text) for s in work.source.segments()] == ["市集開張了。", "大家都來了！"]


@pytest.mark.slow
def test_a_docx_translation_aligns_checks_and_builds(tmp_path: Path) -> None:
    _new(tmp_path)
    original = tmp_path / "zh.md"
    original.write_text(
        "# 夜市\n\n河邊的夜市又開了。攤位比去年多。\n\n## 吃什麼\n\n"
        "- 蚵仔煎\n- 臭豆腐\n\n人潮一直到午夜才散去。\n",
        "utf-8",
    )
    assert run(tmp_path, "import", "market", str(original), "--lang", "zh-Hant-TW").exit_code == 0
    source = tmp_path / "en.md"
    source.write_text(
        "# Night Markets\n\nThe riverside night market is open again. "
        "There are more stalls than last year.\n\n## What to Eat\n\n"
        "- Oyster omelette\n- Stinky tofu\n\nThe crowds stayed until midnight.\n",
        "utf-8",
    )
    docx = tmp_path / "en.docx"
    subprocess.run([pandoc_path(), str(source), "-o", str(docx)], check=True, timeout=120)
    imported = run(tmp_path, "import", "market", str(docx), "--lang", "en")
    assert imported.exit_code == 0, imported.output
    assert "read as a Word document" in imported.stdout
    aligned = run(tmp_path, "align", "market")
    assert aligned.exit_code == 0, aligned.output
    work = load_work(tmp_path, "market")
    alignment = work.translations["en"].alignment
    assert alignment is not None
    pairs = [(b.source, b.target) for b in alignment.beads]
    assert (("s3", "s4"), ("t3", "t4")) not in pairs  # sentence by sentence, not paragraph
    assert (("s3",), ("t3",)) in pairs and (("s4",), ("t4",)) in pairs
    marked = run(tmp_path, "mark", "market", "--lang", "en", "--state", "reviewed", "--above", "0")
    assert marked.exit_code == 0, marked.output
    checked = run(tmp_path, "check", "market", "--format", "json")
    assert '"bead-stale"' not in checked.stdout and '"not-aligned"' not in checked.stdout
    built = run(tmp_path, "build", "market", "--to", "html")
    assert built.exit_code == 0, built.output
    html = (tmp_path / "build/market/market.en.html").read_text("utf-8")
    assert "Oyster omelette" in html and 'id="en-t3"' in html


def test_an_image_never_replaces_a_different_file(tmp_path: Path) -> None:
    _new(tmp_path)
    page = tmp_path / "download" / "zh-news.html"
    shutil.copytree(CASES, page.parent, ignore=shutil.ignore_patterns("*.expected.*"))
    taken = tmp_path / "source/market/images/market-178e5d43.png"
    taken.parent.mkdir(parents=True)
    taken.write_bytes(b"someone else's file")
    result = run(tmp_path, "import", "market", str(page), "--lang", "zh-Hant-TW")
    assert result.exit_code == 2
    assert "exists and holds something else" in result.stderr
    assert taken.read_bytes() == b"someone else's file"
    assert not (tmp_path / "source/market/text.md").exists()
