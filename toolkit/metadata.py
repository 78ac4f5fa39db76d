"""Attribution metadata: who wrote, translated and published what, validated.

Two files per work (the schema, field by field, is in ``docs/metadata.md``):

- ``source/<work>/work.yaml``: the original (:class:`Original`);
- ``translations/<work>/<lang>.yaml``: one translation (:class:`Translation`).

Names are given in each script they are known in, keyed by language tag::

    authors:
      - name: {zh-Hant: 周奕成, en: Yi-cheng Jou}

This module is the schema only; ``toolkit.store.metafile`` reads the files, with
errors that name the file, the line, the field and what is wrong. Missing
*recommended* fields are not errors: ``toolkit check`` reports them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from toolkit.isbn import isbn13

# Re-exported: they were defined here first.
from toolkit.languages import language_script as language_script
from toolkit.languages import sentence_separator as sentence_separator

#: A language tag: language, optional script, optional region (en, zh-Hant, zh-Hant-TW).
LANG_RE = re.compile(r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?")


def _lang_tag(value: str) -> str:
    if not LANG_RE.fullmatch(value):
        raise ValueError(
            f"{value!r} is not a language tag such as en, zh-Hant, zh-Hant-TW or zh-Hans"
        )
    return value


def _url(value: str) -> str:
    if not re.fullmatch(r"https?://[^\s]+", value):
        raise ValueError(f"{value!r} is not an http(s) address")
    return value


def _iso_date(value: object) -> object:
    # Only YYYY-MM-DD: pydantic alone would read '86400' as seconds since 1970.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    raise ValueError(f"{value!r} is not a date in the form YYYY-MM-DD")


def _visible(value: str) -> str:
    if not value.strip():
        raise ValueError("is blank: write the text, or leave the field out")
    return value


def _keyword(value: str) -> str:
    # A PDF's keywords are one text, split at commas by those who read it (WeasyPrint too).
    if "," in value:
        raise ValueError(
            f"{value!r} has a comma: give each keyword as its own item of the list "
            "(keywords: [tea, Dadaocheng])"
        )
    return value


#: Text as written (never stripped), with something in it besides white space.
Text = Annotated[
    str, StringConstraints(strip_whitespace=False, min_length=1), AfterValidator(_visible)
]
#: An ISBN-10 or ISBN-13 as written (hyphens, spaces), checked and kept as ISBN-13.
Isbn = Annotated[str, AfterValidator(isbn13)]
#: One keyword (a subject) of a publication: text without a comma.
Keyword = Annotated[Text, AfterValidator(_keyword)]
LangTag = Annotated[str, AfterValidator(_lang_tag)]
Url = Annotated[str, AfterValidator(_url)]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
#: A text given in one or more languages: {en: ..., zh-Hant: ...}.
Localized = dict[LangTag, Text]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Person(_Model):
    """An author or translator. ``name`` in every script it is known in."""

    name: Localized = Field(min_length=1)
    sort_as: Text | None = None
    note: Localized = {}

    def display(self, lang: str) -> str:
        return pick(self.name, lang)


class Organisation(_Model):
    name: Localized = Field(min_length=1)
    url: Url | None = None

    def display(self, lang: str) -> str:
        return pick(self.name, lang)


class Credit(_Model):
    """A credit for an image: ``text`` as the edition prints it, ``as_published`` verbatim."""

    text: Text
    as_published: Text | None = None
    subject: Text | None = None


class VariantTitle(_Model):
    text: Text
    note: Text | None = None


class Publication(_Model):
    language: LangTag
    title: Text
    title_note: Text | None = None
    title_variants: list[VariantTitle] = []
    publisher: Organisation | None = None
    url: Url | None = None
    date: IsoDate | None = None
    date_source: Text | None = None
    rights: Text | None = None
    licence: Text | None = None
    #: This publication's own ISBN (``toolkit.isbn``): never another edition's.
    isbn: Isbn | None = None
    #: Its subjects, in its language: the PDF's keywords, the EPUB's ``dc:subject``.
    keywords: list[Keyword] = []


class Original(Publication):
    """The original work, as first published."""

    authors: list[Person] = []
    image_credits: list[Credit] = []


class Translation(Publication):
    """One translation of the work."""

    translators: list[Person] = []
    photo_credits: list[Credit] = []
    translator_note: Text | None = None


def pick(texts: dict[str, str], lang: str) -> str:
    """The text for ``lang``: exact tag, then same language and script, then same
    language, then the first given."""
    if lang in texts:
        return texts[lang]
    want = language_script(lang)
    same_language = [tag for tag in texts if tag.split("-")[0] == want[0]]
    for tag in same_language:
        if language_script(tag) == want:
            return texts[tag]
    if same_language:
        return texts[same_language[0]]
    return next(iter(texts.values()))
