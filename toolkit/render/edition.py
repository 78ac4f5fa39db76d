"""Editions: which books a work's available text allows, and what each one credits."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from toolkit.languages import language_script
from toolkit.metadata import Publication, pick
from toolkit.model import Document
from toolkit.render.simplified import (
    DEFAULT_SETTINGS,
    Simplified,
    simplified_document,
    simplified_text,
)
from toolkit.store.work import TranslationData, Work

#: Namespace for edition identifiers: the same work and edition always get the same UUID.
_NAMESPACE = uuid.UUID("6f1c1f3e-2b4c-5d7e-8f90-a1b2c3d4e5f6")


class EditionKind(StrEnum):
    ORIGINAL = "original"
    TRANSLATION = "translation"
    #: The Traditional Chinese original converted to Simplified characters (OpenCC).
    SIMPLIFIED = "simplified"


#: The language tag of a Simplified edition: never a Traditional tag on converted text.
SIMPLIFIED_LANG = "zh-Hans"


@dataclass(frozen=True)
class Edition:
    """One book to build: a work's text in one language, with full attribution."""

    work: Work
    kind: EditionKind
    document: Document
    translation: TranslationData | None = None
    #: How a Simplified edition is made (its work's build.yaml); None for the others.
    simplified: Simplified | None = None

    @property
    def lang(self) -> str:
        if self.kind is EditionKind.SIMPLIFIED:
            return SIMPLIFIED_LANG
        return self.translation.lang if self.translation else self.work.original.language

    @property
    def file_stem(self) -> str:
        """The output file name before its extension: ``china-russia.en``."""
        return f"{self.work.id}.{self.lang}"

    @property
    def title(self) -> str:
        if self.translation:
            return self.translation.meta.title
        title = self.work.original.title
        if self.simplified is not None:
            return simplified_text(title, self.simplified)
        return title

    @property
    def text_path(self) -> Path:
        """The segment file this edition's text comes from."""
        if self.translation is not None:
            return self.work.paths.translation_text(self.translation.lang)
        return self.work.paths.original_text

    @property
    def identifier(self) -> str:
        return f"urn:uuid:{uuid.uuid5(_NAMESPACE, self.file_stem)}"

    @property
    def source_present(self) -> bool:
        return self.work.source is not None

    @property
    def publication(self) -> Publication:
        """This edition's own publication facts: the translation's, or the original's."""
        return self.translation.meta if self.translation else self.work.original

    @property
    def publisher_name(self) -> str | None:
        publisher = self.publication.publisher
        return pick(publisher.name, self.lang) if publisher else None

    @property
    def rights(self) -> str | None:
        """The rights statement, or else the licence."""
        return self.publication.rights or self.publication.licence

    @property
    def date(self) -> str | None:
        date = self.publication.date
        return date.isoformat() if date else None


def editions_for(work: Work, simplified: Simplified = DEFAULT_SETTINGS) -> list[Edition]:
    """Every edition the text in the repository allows: the original; a Traditional Chinese
    original in Simplified characters too (made as ``simplified`` says); and each
    translation."""
    editions: list[Edition] = []
    if work.source is not None:
        editions.append(Edition(work, EditionKind.ORIGINAL, work.source))
        if language_script(work.original.language) == ("zh", "Hant"):
            converted = simplified_document(work.source, simplified)
            editions.append(Edition(work, EditionKind.SIMPLIFIED, converted, None, simplified))
    for lang in sorted(work.translations):
        tr = work.translations[lang]
        if tr.document is not None:
            editions.append(Edition(work, EditionKind.TRANSLATION, tr.document, tr))
    return editions
