"""A hostile page, imported and built: no active content and no local file in any output.

The page (tests/cases/hostile/page.html, written for this test) carries scripts, event
handlers, a refresh, javascript:, vbscript:, data: and file: links, a file:///etc/passwd
image and a remote tracking image, an SVG with onload, an iframe, an object and a form.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html
from pypdf import PdfReader

from toolkit.cli import cli
from toolkit.store.document import read_document
from toolkit.store.inline import plain_text

pytestmark = pytest.mark.slow

PAGE = Path(__file__).parent / "cases" / "hostile" / "page.html"
#: Words that must not reach any output: active schemes, the local file, the attacker's host.
FORBIDDEN = ("javascript:", "vbscript:", "file:", "etc/passwd", "evil.example", "alert(")


def _run(root: Path, *args: str) -> None:
    result = CliRunner().invoke(cli, ["--root", str(root), *args])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    _run(
        root,
        "new",
        "market",
        "--lang",
        "zh-Hant-TW",
        "--title",
        "夜市",
        "--translation",
        "en=Night Markets Return",
    )
    _run(root, "import", "market", str(PAGE), "--lang", "en")
    _run(root, "build", "market")
    return root


def test_the_imported_text_keeps_the_words_and_drops_the_active_parts(built: Path) -> None:
    text = (built / "translations/market/en.md").read_text("utf-8")
    for word in FORBIDDEN:
        assert word not in text.lower(), word
    segments = [
        plain_text(s.text) for s in read_document(built / "translations/market/en.md").segments()
    ]
    assert (
        "Read the schedule, the map, the notice, the rules, the flyer and the archive; "
        in (segments[1])
    )
    assert "[the editor](mailto:editor@example.org)" in text  # safe links stay links
    assert not list((built / "translations/market").glob("images/*"))  # nothing came in


def _outputs(built: Path) -> dict[str, bytes]:
    folder = built / "build/market"
    out = {p.name: p.read_bytes() for p in folder.iterdir()}
    with zipfile.ZipFile(folder / "market.en.epub") as epub:
        out.update({f"epub:{name}": epub.read(name) for name in epub.namelist()})
    return out


def test_no_output_holds_an_active_scheme_or_the_local_file(built: Path) -> None:
    for name, data in _outputs(built).items():
        lowered = data.lower()
        for word in FORBIDDEN:
            assert word.encode() not in lowered, (name, word)


def test_the_html_has_no_script_but_its_metadata_and_no_event_handler(built: Path) -> None:
    page = lxml_html.fromstring((built / "build/market/market.en.html").read_bytes())
    scripts = page.xpath("//script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    for element in page.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute, value in element.attrib.items():
            assert not attribute.lower().startswith("on"), (element.tag, attribute)
            if attribute in ("href", "src", "action", "formaction"):
                assert re.match(r"(https?:|mailto:|#|data:image/)", value), (attribute, value)
    assert not page.xpath("//iframe|//object|//embed|//form|//meta[@http-equiv]")


def test_the_pdf_has_no_script_and_links_only_to_safe_addresses(built: Path) -> None:
    reader = PdfReader(built / "build/market/market.en.pdf")
    raw = (built / "build/market/market.en.pdf").read_bytes()
    assert b"/JavaScript" not in raw and b"/JS " not in raw and b"/Launch" not in raw
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None:
                uri = str(action.get_object().get("/URI", ""))
                assert re.match(r"(https?:|mailto:)", uri) or not uri, uri
