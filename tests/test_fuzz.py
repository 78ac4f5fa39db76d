"""Fuzzing the readers that other files do not: metadata and import records (YAML), HTML pages
and Markdown (through Pandoc). Whatever the input, a reader gives a result or a ToolkitError
naming the file, never another exception; an importer loses no visible text.

The segment, alignment and plain-text readers and the segmenters have their own property
tests (test_document, test_alignfile, test_import, test_segment). ``make fuzz`` runs all of
them with many more examples (``TOOLKIT_FUZZ``).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import examples
from tests.test_import_formats import found_text, is_kept, text_runs
from toolkit.errors import ToolkitError
from toolkit.importing.imported import ReadContext, Role
from toolkit.importing.pandoc_reader import read_document_file
from toolkit.metadata import Original, Translation
from toolkit.store.importrecord import ImportRecord, SourceFormat
from toolkit.store.metafile import parse_model

EN = ReadContext("en", Role.TRANSLATION, "A Title", ("Jane Doe",))

# --- YAML: metadata and import records ---------------------------------------------------

KEYS = st.sampled_from(
    [
        "language",
        "title",
        "authors",
        "translators",
        "name",
        "en",
        "zh-Hant",
        "date",
        "url",
        "publisher",
        "rights",
        "parts",
        "lines",
        "to",
        "field",
        "reason",
        "text",
        "sha256",
        "file",
        "spacing",
        "last_id",
    ]
)
SCALARS = st.one_of(
    st.sampled_from(["en", "zh-Hant-TW", "2024-01-02", "2024-13-45", "https://x.org", "~", "3-5"]),
    st.sampled_from(["body", "set_aside", "metadata", "blank", "'", '"', "[", "{", "&a", "*a"]),
    st.text(max_size=12),
)


@st.composite
def yaml_texts(draw: st.DrawFn, depth: int = 0) -> str:
    """YAML-ish text: mappings and lists of the schema's keys, with odd scalars."""
    lines = []
    for _ in range(draw(st.integers(0, 5))):
        key = draw(KEYS)
        indent = "  " * depth
        if depth < 2 and draw(st.booleans()):
            inner = draw(yaml_texts(depth + 1))
            prefix = draw(st.sampled_from(["", "- "]))
            lines.append(f"{indent}{prefix}{key}:\n{inner}")
        else:
            lines.append(f"{indent}{key}: {draw(SCALARS)}")
    return "\n".join(lines)


@settings(max_examples=examples(150), deadline=None)
@given(st.one_of(yaml_texts(), st.text(max_size=60)))
def test_metadata_and_records_read_or_refuse_with_a_located_error(text: str) -> None:
    for model in (Original, Translation, ImportRecord):
        try:
            parse_model(text, "fuzz.yaml", model)
        except ToolkitError as exc:
            assert "fuzz.yaml" in str(exc)


# --- HTML pages and Markdown through Pandoc ----------------------------------------------

WORDS = st.sampled_from(
    [
        "今天天氣很好。",
        "The market opened.",
        "攝影：王小明",
        "319 人閱讀",
        "By Jane Doe",
        "a & b",
        "x<y",
    ]
)
TAGS = st.sampled_from(["p", "div", "span", "em", "strong", "li", "td", "h2", "blockquote", "a"])


@st.composite
def html_bodies(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        if depth < 3 and draw(st.booleans()):
            tag = draw(TAGS)
            attrs = draw(st.sampled_from(["", ' class="share"', ' onclick="x()"', ' href="#a"']))
            parts.append(f"<{tag}{attrs}>{draw(html_bodies(depth + 1))}</{tag}>")
        else:
            parts.append(draw(WORDS).replace("&", "&amp;").replace("<", "&lt;"))
    return "".join(parts)


@settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_bodies())
def test_a_page_of_any_shape_imports_and_loses_no_visible_text(body: str) -> None:
    page = f"<html><body><article>{body}</article></body></html>"
    imported = read_document_file(page.encode(), "fuzz.html", SourceFormat.HTML, EN, text=page)
    kept = found_text(imported)
    for run in text_runs(page):
        assert is_kept(run, kept, set()), run


MARKDOWN = st.sampled_from(
    ["# Title", "- item", "1. first", "> quoted", "| a | b |", "```", "*em*", "[x](#y)", "A."]
)


@settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(MARKDOWN, WORDS), min_size=1, max_size=8))
def test_markdown_of_any_shape_imports_and_keeps_its_words(lines: list[str]) -> None:
    text = "\n\n".join(lines) + "\n"
    try:
        imported = read_document_file(
            text.encode(), "fuzz.md", SourceFormat.MARKDOWN, EN, text=text
        )
    except ToolkitError as exc:
        assert "fuzz.md" in str(exc)
        return
    kept = found_text(imported)
    for line in lines:
        for word in ("今天天氣很好", "market", "王小明"):
            if word in line:
                assert word in kept, (word, text)
