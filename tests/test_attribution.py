"""The attribution model every credit derives from: the title page, the colophon, the HTML
<meta> elements and JSON-LD, the EPUB package metadata and the PDF's subject.

Each rule is tested on the model and on the outputs it feeds (the files themselves are
read back in tests/test_build.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from tests.conftest import ORIGINAL_YAML, TRANSLATION_YAML
from toolkit.render.attribution import Attribution, attribution_of, full_name
from toolkit.render.credits import Credits, credits_for
from toolkit.render.edition import Edition, editions_for
from toolkit.store.work import load_work

MakeRepo = Callable[..., Path]

TWO_TRANSLATORS = TRANSLATION_YAML.replace(
    "  - name: {en: Jane Doe}\n",
    "  - name: {en: Jane Doe}\n  - name: {en: Lin Mei, zh-Hant: 林美}\n",
)
NOTE = "\ntranslator_note: Names follow Taiwan's usage; 民國 years are converted.\n"
LICENCE_ONLY = TRANSLATION_YAML.replace("rights: © 2024 Jane Doe\n", "licence: CC BY 4.0\n")


def edition(root: Path, lang: str) -> Edition:
    [found] = [
        e for e in editions_for(load_work(root, "trial")) if e.lang == lang and e.bilingual is None
    ]
    return found


def json_names(people: object) -> list[str]:
    assert isinstance(people, list)
    return [str(p["name"]) for p in people]


def colophon(credits: Credits) -> dict[str, dict[str, str]]:
    """Section heading → {label: text} of the colophon."""
    return {
        s.heading: {e.label: "".join(r.text for r in e.value) for e in s.entries}
        for s in credits.colophon
    }


def test_one_translator_is_a_translator_and_two_are_translators(make_repo: MakeRepo) -> None:
    one = colophon(credits_for(edition(make_repo(), "en")))["The translation"]
    assert one["Translator"] == "Jane Doe" and "Translators" not in one
    root = make_repo(meta=TWO_TRANSLATORS)
    two = colophon(credits_for(edition(root, "en")))["The translation"]
    assert two["Translators"] == "Jane Doe and Lin Mei (林美)" and "Translator" not in two
    credits = attribution_of(edition(root, "en"))
    tags = credits.meta_tags()
    assert [v for k, v in tags if k == "translator"] == ["Jane Doe", "Lin Mei (林美)"]
    assert json_names(credits.json_ld()["translator"]) == ["Jane Doe", "Lin Mei (林美)"]
    contributors = credits.epub_metadata()["contributor"]
    assert contributors == [
        {"role": "trl", "text": "Jane Doe"},
        {"role": "trl", "text": "Lin Mei"},
    ]
    assert "translated by Jane Doe (" not in credits.description()
    assert credits.description().endswith("translated by Jane Doe, Lin Mei (林美)")


def test_rights_are_in_the_colophon_and_in_every_format(make_repo: MakeRepo) -> None:
    root = make_repo()
    credits = attribution_of(edition(root, "en"))
    assert credits.rights == "© 2024 Jane Doe"
    assert ("dcterms.rights", "© 2024 Jane Doe") in credits.meta_tags()
    assert credits.epub_metadata()["rights"] == "© 2024 Jane Doe"
    sections = colophon(credits_for(edition(root, "en")))
    assert sections["The translation"]["Rights"] == "© 2024 Jane Doe"
    assert sections["The original"]["Rights"] == "© 2024 王小明"
    # The original edition states the original's rights, not the translation's.
    assert attribution_of(edition(root, "zh-Hant-TW")).rights == "© 2024 王小明"


def test_a_licence_stands_for_missing_rights(make_repo: MakeRepo) -> None:
    root = make_repo(meta=LICENCE_ONLY)
    credits = attribution_of(edition(root, "en"))
    assert credits.rights == "CC BY 4.0"
    assert ("dcterms.rights", "CC BY 4.0") in credits.meta_tags()
    translation = colophon(credits_for(edition(root, "en")))["The translation"]
    assert translation["Licence"] == "CC BY 4.0" and "Rights" not in translation


def test_no_rights_and_no_licence_claim_none(make_repo: MakeRepo) -> None:
    bare = LICENCE_ONLY.replace("licence: CC BY 4.0\n", "")
    credits = attribution_of(edition(make_repo(meta=bare), "en"))
    assert credits.rights is None
    assert not any(k == "dcterms.rights" for k, _ in credits.meta_tags())
    assert "rights" not in credits.epub_metadata()


def test_names_come_in_the_readers_script_first(make_repo: MakeRepo) -> None:
    root = make_repo()
    en, zh = attribution_of(edition(root, "en")), attribution_of(edition(root, "zh-Hant-TW"))
    [author] = en.authors
    assert (en.shown(author), en.full(author)) == ("Hsiao-ming Wang", "Hsiao-ming Wang (王小明)")
    assert (zh.shown(author), zh.full(author)) == ("王小明", "王小明 (Hsiao-ming Wang)")
    assert full_name(author, "zh-Hans") == "王小明 (Hsiao-ming Wang)"
    assert ("author", "王小明 (Hsiao-ming Wang)") in zh.meta_tags()
    assert zh.epub_metadata()["creator"] == [
        {"role": "aut", "text": "王小明", "file-as": "Wang, Hsiao-ming"}
    ]
    title_page = [
        "".join(r.text for r in line) for line in credits_for(edition(root, "en")).title_page
    ]
    assert title_page == [
        "by Hsiao-ming Wang (王小明)",
        "Translated from the Chinese by Jane Doe",
    ]


def test_the_translators_note_is_in_the_colophon(make_repo: MakeRepo) -> None:
    root = make_repo(meta=TRANSLATION_YAML + NOTE)
    credits = attribution_of(edition(root, "en"))
    assert credits.translator_note == "Names follow Taiwan's usage; 民國 years are converted."
    entries = credits_for(edition(root, "en")).colophon[1].entries
    [note] = [e for e in entries if e.label == "Translator’s note"]
    runs = [(r.text, r.lang) for r in note.value]
    assert ("民國 ", "zh-Hant") in runs  # the Chinese in it is tagged as Chinese
    assert "".join(text for text, _ in runs) == credits.translator_note


def test_a_translation_names_its_source_and_an_original_none(make_repo: MakeRepo) -> None:
    root = make_repo()
    en, zh = attribution_of(edition(root, "en")), attribution_of(edition(root, "zh-Hant-TW"))
    assert en.source == "https://example.org/zh/1"
    assert ("dcterms.source", "https://example.org/zh/1") in en.meta_tags()
    assert en.epub_metadata()["source"] == "https://example.org/zh/1"
    source = en.json_ld()["translationOfWork"]
    assert isinstance(source, dict) and source["name"] == "測試之作"
    assert zh.source is None and "source" not in zh.epub_metadata()
    assert "translationOfWork" not in zh.json_ld()
    # Each edition's publisher and date are its own publication's.
    assert (en.publisher_name, en.date) == ("Example Review", "2024-02-03")
    assert (zh.publisher_name, zh.date) == ("試刊社", "2024-01-02")


def test_the_model_is_built_once_from_the_metadata(make_repo: MakeRepo) -> None:
    found = attribution_of(edition(make_repo(original=ORIGINAL_YAML), "en"))
    assert isinstance(found, Attribution)
    assert (found.lang, found.title, found.work) == ("en", "A Work for Testing", "trial")


def test_only_the_images_the_edition_shows_are_credited(make_repo: MakeRepo) -> None:
    original = ORIGINAL_YAML + (
        "image_credits:\n  - text: 圖：試刊社\n    subject: the cover photo\n  - text: 圖：別處\n"
    )
    credits = attribution_of(edition(make_repo(original=original), "en"))
    assert credits.image_credits == []  # the text has no figure: nothing to credit
    shown = replace(credits, figure_credits=("圖：試刊社", "Photo: Jane Doe"))
    assert [(c.text, c.subject) for c in shown.image_credits] == [
        ("圖：試刊社", "the cover photo"),  # the metadata's credit, with what it credits
        ("Photo: Jane Doe", None),  # a figure's own credit
    ]
