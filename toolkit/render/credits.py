"""What an edition says about who made it: title page and colophon, in the reader's language.

Text here is a list of *runs*, so that every Chinese name or title carries its
own language tag into HTML, EPUB and PDF (for fonts, hyphenation and screen readers).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

from toolkit._version import __version__
from toolkit.metadata import Credit, Organisation, Person, Publication, language_script, pick
from toolkit.render.attribution import Attribution, attribution_of, forms, full_name
from toolkit.render.edition import Edition, EditionKind
from toolkit.render.simplified import DEFAULT_SETTINGS, Simplified, simplified_text

__all__ = ["Credits", "Entry", "Line", "Run", "Section", "credits_for", "full_name", "labels"]


@dataclass(frozen=True)
class Run:
    text: str
    lang: str | None = None
    url: str | None = None


Line = tuple[Run, ...]


@dataclass(frozen=True)
class Entry:
    label: str
    value: Line


@dataclass(frozen=True)
class Section:
    heading: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Credits:
    title: Line
    title_page: tuple[Line, ...]
    colophon_heading: str
    colophon: tuple[Section, ...]


_LABELS = {
    "en": {
        "by": "by ",
        "translated": "Translated from the {language} by ",
        "colophon": "About this edition",
        "original": "The original",
        "translation": "The translation",
        "edition": "This edition",
        "title": "Title",
        "author": "Author",
        "authors": "Authors",
        "translator": "Translator",
        "translators": "Translators",
        "publisher": "Publisher",
        "published": "Published",
        "address": "Address",
        "isbn": "ISBN",
        "cover": "Cover: ",
        "cover_sep": " / ",
        "image": "Image credit",
        "rights": "Rights",
        "licence": "Licence",
        "note": "Translator’s note",
        "also": "Also cited as",
        "missing": "The original’s text is not yet in this repository; "
        "this edition carries the translation only.",
        "built": "Built with bilingual-toolkit {version} from the work “{work}”.",
        "made": " Edition of {date}.",
        "only": " ({language} only: the metadata has no English)",
        "converted": "Converted from the Traditional Chinese original with OpenCC ({config}).",
        "comma": ", ",
        "about": ", ",
        "and": " and ",
        "omitted": "Left out of the translation.",
        "added": "Added by the translator.",
        "tn": "Translator’s note: ",
        "parallel": "The original and the translation side by side.",
        "interleaved": "The original and the translation, passage by passage.",
    },
    # Traditional Chinese; labels() converts them for Simplified editions (OpenCC).
    "zh": {
        "by": "作者：",
        "translated": "自{language}譯出，譯者：",
        "colophon": "關於本版",
        "original": "原作",
        "translation": "譯本",
        "edition": "本版",
        "title": "標題",
        "author": "作者",
        "authors": "作者",
        "translator": "譯者",
        "translators": "譯者",
        "publisher": "出版者",
        "published": "發表日期",
        "address": "網址",
        "isbn": "ISBN",
        "cover": "封面：",
        "cover_sep": "／",
        "image": "圖片來源",
        "rights": "權利",
        "licence": "授權",
        "note": "譯者說明",
        "also": "亦作",
        "missing": "原文尚未收入本儲存庫；本版只收譯文。",
        "built": "以 bilingual-toolkit {version} 依作品「{work}」製作。",
        "made": "本版日期：{date}。",
        "only": "（資料只有{language}）",
        "converted": "本版以 OpenCC（{config}）自繁體中文原作轉為簡體中文。",
        "comma": "、",
        "about": "，",
        "and": "、",
        "omitted": "譯文略去此段。",
        "added": "此段為譯者所加。",
        "tn": "譯註：",
        "parallel": "原文與譯文對照排列。",
        "interleaved": "原文與譯文逐段交錯排列。",
    },
}
#: Language names, in the language of the labels.
_LANGUAGE_NAMES = {
    "en": {"zh": "Chinese", "en": "English"},
    "zh": {"zh": "中文", "en": "英文"},
}


def labels(lang: str, simplified: Simplified = DEFAULT_SETTINGS) -> dict[str, str]:
    """The edition's labels, in its language (English when there are none for it).

    Chinese labels are written in Traditional characters; a Simplified edition
    (zh-Hans, zh-CN, zh-SG) gets them converted by OpenCC, as ``simplified`` says (its
    quotation marks as its text's).
    """
    table = _LABELS.get(lang.split("-")[0], _LABELS["en"])
    if table is _LABELS["zh"] and language_script(lang)[1] == "Hans":
        return _simplified(tuple(table.items()), simplified)
    return table


@functools.cache
def _simplified(items: tuple[tuple[str, str], ...], settings: Simplified) -> dict[str, str]:
    return {key: simplified_text(value, settings) for key, value in items}


def language_name(language: str, in_lang: str) -> str:
    names = _LANGUAGE_NAMES.get(in_lang.split("-")[0], _LANGUAGE_NAMES["en"])
    return names.get(language.split("-")[0], language)


def credits_for(edition: Edition, made: date | None = None) -> Credits:
    """The title page and colophon of ``edition``, from its attribution; ``made``: the
    edition's date (``store.epoch.edition_epoch``), which the colophon gives."""
    credits = attribution_of(edition)
    lang = credits.lang
    text = labels(lang, edition.simplified or DEFAULT_SETTINGS)
    title = (Run(credits.title, lang),)
    page: list[Line] = []
    if edition.bilingual is not None:  # both titles: the original's under the translation's
        page.append((Run(credits.original.title, credits.original.language),))
    if credits.authors:
        page.append((Run(text["by"]), *_names(credits.authors, lang)))
    if credits.translators:
        source_name = language_name(credits.original.language, lang)
        page.append(
            (
                Run(text["translated"].format(language=source_name)),
                *_names(credits.translators, lang),
            )
        )
    sections = [_original_section(credits, text)]
    if credits.translation is not None:
        sections.append(_translation_section(credits, text))
    notes = [_credit(text["image"], c, lang) for c in credits.image_credits]
    if edition.simplified is not None:
        if credits.isbn:  # its own ISBN; the original's is the original's, given above
            notes.append(Entry(text["isbn"], (Run(credits.isbn),)))
        config = edition.simplified.conversion.value
        notes.append(Entry("", (Run(text["converted"].format(config=config)),)))
    if edition.bilingual is not None:
        notes.append(Entry("", (Run(text[edition.bilingual.layout.value]),)))
    if edition.kind is EditionKind.TRANSLATION and not edition.source_present:
        notes.append(Entry("", (Run(text["missing"]),)))
    built = text["built"].format(version=__version__, work=credits.work)
    if made is not None:
        built += text["made"].format(date=made.isoformat())
    notes.append(Entry("", (Run(built),)))
    sections.append(Section(text["edition"], tuple(notes)))
    return Credits(title, tuple(page), text["colophon"], tuple(sections))


def _original_section(credits: Attribution, text: dict[str, str]) -> Section:
    meta = credits.original
    lang = credits.lang
    entries = [Entry(text["title"], (Run(meta.title, meta.language),))]
    entries += [Entry(text["also"], (Run(v.text, meta.language),)) for v in meta.title_variants]
    for person in meta.authors:
        line = _name(person, lang)
        if person.note:
            tag = _tag(person.note, lang)
            line = (*line, Run(text["about"]), Run(pick(person.note, lang), tag))
            line += _only_in(tag, lang, text)
        entries.append(Entry(text["author"], line))
    entries += _publication(meta, lang, text)
    entries += _rights(meta.rights, meta.licence, text)
    return Section(text["original"], tuple(entries))


def _translation_section(credits: Attribution, text: dict[str, str]) -> Section:
    meta = credits.translation
    assert meta is not None
    lang = credits.lang
    entries = [Entry(text["title"], (Run(meta.title, meta.language),))]
    translators = credits.translators
    label = text["translators"] if len(translators) > 1 else text["translator"]
    if translators:
        entries.append(Entry(label, _names(translators, lang)))
    entries += _publication(meta, lang, text)
    entries += _rights(meta.rights, meta.licence, text)
    if credits.translator_note:
        entries.append(Entry(text["note"], _mixed(credits.translator_note, meta.language)))
    return Section(text["translation"], tuple(entries))


def _publication(meta: Publication, lang: str, text: dict[str, str]) -> list[Entry]:
    entries = []
    if meta.publisher is not None:
        entries.append(Entry(text["publisher"], _org(meta.publisher, lang)))
    if meta.date is not None:
        line: Line = (Run(meta.date.isoformat()),)
        if meta.date_source:  # free text, in the language its script shows
            said = "zh" if any(is_cjk(ch) for ch in meta.date_source) else "en"
            line += (Run(" ("), Run(meta.date_source, said), Run(")"))
            line += _only_in(said, lang, text)
        entries.append(Entry(text["published"], line))
    if meta.url:
        entries.append(Entry(text["address"], (Run(meta.url, url=meta.url),)))
    if meta.isbn:
        entries.append(Entry(text["isbn"], (Run(meta.isbn),)))
    return entries


def _only_in(tag: str, lang: str, text: dict[str, str]) -> Line:
    """A note that a text is in another language than the edition's, as the metadata
    has it in no other (an English author's note in a Chinese edition)."""
    if tag.split("-")[0] == lang.split("-")[0]:
        return ()
    return (Run(text["only"].format(language=language_name(tag, lang))),)


def _credit(label: str, credit: Credit, lang: str) -> Entry:
    value = _mixed(credit.text, lang)
    if credit.subject:
        value = (Run(credit.subject[:1].upper() + credit.subject[1:] + ": "), *value)
    return Entry(label, value)


def _rights(rights: str | None, licence: str | None, text: dict[str, str]) -> list[Entry]:
    out = []
    if rights:
        out.append(Entry(text["rights"], (Run(rights),)))
    if licence:
        out.append(Entry(text["licence"], (Run(licence),)))
    return out


def _names(people: list[Person], lang: str) -> Line:
    text = labels(lang)
    runs: list[Run] = []
    for i, person in enumerate(people):
        if i:
            runs.append(Run(text["comma"] if i < len(people) - 1 else text["and"]))
        runs.extend(_name(person, lang))
    return tuple(runs)


def _name(person: Person, lang: str) -> Line:
    return _localized(person.name, lang)


def _org(org: Organisation, lang: str) -> Line:
    line = _localized(org.name, lang)
    return line


def _localized(names: dict[str, str], lang: str) -> Line:
    """``Yi-cheng Jou (周奕成)``: the reader's form first, then the others, each tagged."""
    (first_tag, first), *others = forms(names, lang)
    runs = [Run(first, first_tag)]
    if others:
        runs.append(Run(" ("))
        for i, (tag, name) in enumerate(others):
            if i:
                runs.append(Run(", "))
            runs.append(Run(name, tag))
        runs.append(Run(")"))
    return tuple(runs)


def _tag(texts: dict[str, str], lang: str) -> str:
    chosen = pick(texts, lang)
    return next(tag for tag, text in texts.items() if text == chosen)


def _mixed(text: str, lang: str) -> Line:
    """Split a text into runs of Han and non-Han characters, tagging Han runs as Chinese."""
    runs: list[Run] = []
    for chunk, han in _script_chunks(text):
        runs.append(Run(chunk, "zh-Hant" if han else lang))
    return tuple(runs)


def _script_chunks(text: str) -> list[tuple[str, bool]]:
    chunks: list[tuple[str, bool]] = []
    for ch in text:
        han = is_cjk(ch)
        if chunks and (chunks[-1][1] == han or (not ch.strip() and chunks[-1][1])):
            chunks[-1] = (chunks[-1][0] + ch, chunks[-1][1])
        else:
            chunks.append((ch, han))
    return chunks


def is_cjk(ch: str) -> bool:
    """Han ideographs, CJK punctuation, full-width forms, bopomofo."""
    code = ord(ch)
    return (
        0x3000 <= code <= 0x303F
        or 0x3100 <= code <= 0x312F
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3134F
    )
