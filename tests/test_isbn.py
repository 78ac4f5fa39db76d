"""ISBNs and keywords in the metadata: checked by the check digit when read, kept as
ISBN-13, and given only to the edition whose publication they are.

(The built files are read back in tests/test_cover.py.)"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ORIGINAL_YAML, TRANSLATION_YAML, examples
from toolkit.errors import MetadataError
from toolkit.isbn import isbn13
from toolkit.render.attribution import attribution_of
from toolkit.render.config import load_build_config
from toolkit.render.credits import credits_for
from toolkit.render.edition import Edition, EditionKind, editions_for
from toolkit.store.metafile import load_original, load_translation
from toolkit.store.work import load_work

MakeRepo = Callable[..., Path]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("9780306406157", "9780306406157"),
        ("978-0-306-40615-7", "9780306406157"),
        ("978 0 306 40615 7", "9780306406157"),
        ("ISBN 978-0-306-40615-7", "9780306406157"),
        ("ISBN-13: 978-0-306-40615-7", "9780306406157"),
        ("0-306-40615-2", "9780306406157"),  # the same book's ISBN-10
        ("0306406152", "9780306406157"),
        ("ISBN-10 0-306-40615-2", "9780306406157"),
        ("0-8044-2957-X", "9780804429573"),  # check digit 10, written X
        ("0-8044-2957-x", "9780804429573"),
        ("979-10-90636-07-1", "9791090636071"),  # 979: no ISBN-10 exists
        ("978‐0‐306‐40615‐7", "9780306406157"),  # Unicode hyphens, as pasted from a page
    ],
)
def test_a_valid_isbn_of_either_length_is_kept_as_isbn13(written: str, expected: str) -> None:
    assert isbn13(written) == expected


@pytest.mark.parametrize(
    ("written", "words"),
    [
        (
            "978-0-306-40615-6",
            "ISBN-13: its last character, the check digit, is 6, and its "
            "first 12 digits call for 7",
        ),
        (
            "0-306-40615-3",
            "ISBN-10: its last character, the check digit, is 3, and its first 9 digits call for 2",
        ),
        ("0-8044-2957-5", "call for X"),
        ("0-8044-29X7-5", "only its last character may be X"),
        ("978030640615X", "only an ISBN-10 may end in X"),
        ("977-0-306-40615-7", "begins with 977"),  # an ISSN's barcode
        ("978-0-306-4061", "this has 11"),
        ("", "this has 0"),
        ("978/0/306/40615/7", "'/' is neither a digit"),
        ("٩٧٨٠٣٠٦٤٠٦١٥٧", "is neither a digit"),  # Arabic-Indic digits are not ISBN digits
    ],
)
def test_an_invalid_isbn_says_what_is_wrong(written: str, words: str) -> None:
    with pytest.raises(ValueError) as caught:
        isbn13(written)
    assert words in str(caught.value)
    assert repr(written) in str(caught.value)


@settings(max_examples=examples(100))
@given(st.text(alphabet="0123456789", min_size=9, max_size=9), st.data())
def test_a_single_mistyped_digit_is_always_caught(body: str, data: st.DataObject) -> None:
    # What check digits are for: any one digit changed, in either form, is an error.
    isbn = isbn13(body + _check10(body))
    assert isbn.startswith("978" + body)
    for written in (body + _check10(body), isbn):
        at = data.draw(st.integers(0, len(written) - 1), label="position")
        old = written[at]
        new = data.draw(st.sampled_from([d for d in "0123456789" if d != old]), label="digit")
        with pytest.raises(ValueError):  # the check digit's, or 978's when it is there
            isbn13(written[:at] + new + written[at + 1 :])


def _check10(body: str) -> str:
    """ISBN-10's check character, computed here independently of the toolkit."""
    for candidate in "0123456789X":
        value = 10 if candidate == "X" else int(candidate)
        if (sum((10 - i) * int(d) for i, d in enumerate(body)) + value) % 11 == 0:
            return candidate
    raise AssertionError("unreachable: one of 0–10 makes the sum a multiple of 11")


# Read from the metadata files ------------------------------------------------------------


def test_isbn_and_keywords_are_read_from_the_metadata(tmp_path: Path) -> None:
    path = tmp_path / "work.yaml"
    path.write_text(ORIGINAL_YAML + "isbn: 0-306-40615-2\nkeywords: [公園, 小鳥]\n", "utf-8")
    original = load_original(path)
    assert original.isbn == "9780306406157"
    assert original.keywords == ["公園", "小鳥"]
    path = tmp_path / "en.yaml"
    path.write_text(TRANSLATION_YAML + "isbn: 978-0-8044-2957-3\n", "utf-8")
    assert load_translation(path).isbn == "9780804429573"


def test_a_mistyped_isbn_is_an_error_naming_file_line_and_fix(tmp_path: Path) -> None:
    path = tmp_path / "en.yaml"
    path.write_text(TRANSLATION_YAML + "isbn: 978-0-306-40615-6\n", "utf-8")
    with pytest.raises(MetadataError) as caught:
        load_translation(path)
    line = TRANSLATION_YAML.count("\n") + 1
    message = str(caught.value)
    assert f"en.yaml:{line}: isbn: '978-0-306-40615-6' is not a valid ISBN-13" in message
    assert "copy the ISBN again" in message and "docs/metadata.md" in message


def test_a_keyword_with_a_comma_is_an_error_naming_its_item(tmp_path: Path) -> None:
    path = tmp_path / "work.yaml"
    path.write_text(ORIGINAL_YAML + "keywords:\n  - tea\n  - parks, birds\n", "utf-8")
    with pytest.raises(MetadataError) as caught:
        load_original(path)
    line = ORIGINAL_YAML.count("\n") + 3
    assert f"work.yaml:{line}: keywords[1]: 'parks, birds' has a comma" in str(caught.value)


def test_a_mistyped_simplified_isbn_in_build_yaml_is_an_error_naming_its_line(
    make_repo: MakeRepo,
) -> None:
    root = make_repo()
    settings = root / "source/trial/build.yaml"
    settings.write_text("simplified:\n  isbn: 978-0-306-40615-1\n", "utf-8")
    with pytest.raises(MetadataError, match=r"build.yaml:2: simplified.isbn: .*call for 7"):
        load_build_config(load_work(root, "trial"))


# Which edition carries which ISBN --------------------------------------------------------

ORIGINAL_ISBN = "978-0-306-40615-7"  # 9780306406157
TRANSLATION_ISBN = "0-8044-2957-X"  # 9780804429573


def _editions(root: Path) -> dict[EditionKind, Edition]:
    work = load_work(root, "trial")
    return {e.kind: e for e in editions_for(work, load_build_config(work).settings())}


def _repo(make_repo: MakeRepo) -> Path:
    return make_repo(
        original=ORIGINAL_YAML + f"isbn: {ORIGINAL_ISBN}\nkeywords: [公園, 鳥類]\n",
        meta=TRANSLATION_YAML + f"isbn: {TRANSLATION_ISBN}\nkeywords: [parks, birds]\n",
    )


def test_each_edition_carries_its_own_publications_isbn_and_keywords(
    make_repo: MakeRepo,
) -> None:
    editions = _editions(_repo(make_repo))
    original = attribution_of(editions[EditionKind.ORIGINAL])
    translation = attribution_of(editions[EditionKind.TRANSLATION])
    simplified = attribution_of(editions[EditionKind.SIMPLIFIED])
    assert original.isbn == "9780306406157" and original.keywords == ("公園", "鳥類")
    assert translation.isbn == "9780804429573" and translation.keywords == ("parks", "birds")
    # The Simplified edition is another publication: no ISBN of its own, the original's
    # keywords converted.
    assert simplified.isbn is None and simplified.keywords == ("公园", "鸟类")
    # So is each bilingual edition: the translation's ISBN is not theirs.
    for kind in (EditionKind.PARALLEL, EditionKind.INTERLEAVED):
        bilingual = attribution_of(editions[kind])
        assert bilingual.isbn is None and bilingual.keywords == ("parks", "birds")
    tags = dict(translation.meta_tags())
    assert tags["dcterms.identifier"] == "urn:isbn:9780804429573"
    assert tags["keywords"] == "parks, birds"
    assert "dcterms.identifier" not in dict(simplified.meta_tags())
    assert translation.epub_metadata()["subject"] == ["parks", "birds"]


def test_json_ld_gives_each_publication_its_own_isbn(make_repo: MakeRepo) -> None:
    editions = _editions(_repo(make_repo))
    data = attribution_of(editions[EditionKind.TRANSLATION]).json_ld()
    assert (data["@type"], data["isbn"]) == ("Book", "9780804429573")
    source = data["translationOfWork"]
    assert isinstance(source, dict)
    assert (source["@type"], source["isbn"]) == ("Book", "9780306406157")
    assert data["keywords"] == ["parks", "birds"]
    simplified = attribution_of(editions[EditionKind.SIMPLIFIED]).json_ld()
    assert "isbn" not in simplified and simplified["@type"] == "Article"
    plain = attribution_of(_editions(make_repo())[EditionKind.TRANSLATION]).json_ld()
    assert "isbn" not in plain and plain["@type"] == "Article" and "keywords" not in plain


def test_a_simplified_edition_has_the_isbn_its_build_yaml_gives(make_repo: MakeRepo) -> None:
    root = _repo(make_repo)
    (root / "source/trial/build.yaml").write_text("simplified:\n  isbn: 9791090636071\n", "utf-8")
    edition = _editions(root)[EditionKind.SIMPLIFIED]
    assert attribution_of(edition).isbn == "9791090636071"
    sections = {s.heading: s for s in credits_for(edition).colophon}
    this = {e.label: "".join(r.text for r in e.value) for e in sections["本版"].entries}
    assert this["ISBN"] == "9791090636071"
    original = {e.label: "".join(r.text for r in e.value) for e in sections["原作"].entries}
    assert original["ISBN"] == "9780306406157"  # the original's, in the original's section


def test_the_colophon_lists_each_isbn_in_its_publications_section(make_repo: MakeRepo) -> None:
    credits = credits_for(_editions(_repo(make_repo))[EditionKind.TRANSLATION])
    sections = {
        s.heading: {e.label: "".join(r.text for r in e.value) for e in s.entries}
        for s in credits.colophon
    }
    assert sections["The original"]["ISBN"] == "9780306406157"
    assert sections["The translation"]["ISBN"] == "9780804429573"
    assert "ISBN" not in sections["This edition"]
    plain = credits_for(_editions(make_repo())[EditionKind.TRANSLATION])
    assert all(e.label != "ISBN" for s in plain.colophon for e in s.entries)
