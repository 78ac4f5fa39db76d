"""Editions: which books a work's available text allows, and what each one credits."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from toolkit.languages import language_script
from toolkit.metadata import Publication, pick
from toolkit.model import BlockKind, Document
from toolkit.render.bilingual import (
    DEFAULT_INTERLEAVED,
    DEFAULT_PARALLEL,
    Bilingual,
    Interleaved,
    Layout,
    Parallel,
)
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
    #: The original and a translation side by side, bead by bead.
    PARALLEL = "parallel"
    #: The original and a translation one after the other, bead by bead.
    INTERLEAVED = "interleaved"


#: The kinds that set the original and a translation together.
BILINGUAL = frozenset({EditionKind.PARALLEL, EditionKind.INTERLEAVED})


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
    #: A bilingual edition's texts and layout; None for the others.
    bilingual: Bilingual | None = None

    @property
    def lang(self) -> str:
        """The reader's language: the edition's labels and credits are in it (a bilingual
        edition's is its translation's)."""
        if self.kind is EditionKind.SIMPLIFIED:
            return SIMPLIFIED_LANG
        return self.translation.lang if self.translation else self.work.original.language

    @property
    def file_stem(self) -> str:
        """The output file name before its extension: ``china-russia.en``, and for a
        bilingual edition its kind too: ``sample.parallel.en``."""
        if self.kind in BILINGUAL:
            return f"{self.work.id}.{self.kind.value}.{self.lang}"
        return f"{self.work.id}.{self.lang}"

    @property
    def chinese_lang(self) -> str:
        """The language whose Chinese face the edition carries: a Simplified edition's
        zh-Hans, else the original's (the names and titles of a translation, the
        original's side of a bilingual edition)."""
        if self.kind is EditionKind.SIMPLIFIED:
            return SIMPLIFIED_LANG
        return self.work.original.language

    @property
    def documents(self) -> tuple[Document, ...]:
        """Every text the edition shows: both, in a bilingual edition."""
        if self.bilingual is not None:
            return (self.bilingual.source, self.bilingual.target)
        return (self.document,)

    @property
    def figures(self) -> list[str]:
        """The credits of the figures the edition shows, each once, in order."""
        credits = (b.credit for d in self.documents for b in d.blocks if b.kind is BlockKind.FIGURE)
        return list(dict.fromkeys(c for c in credits if c))

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


@dataclass(frozen=True)
class EditionSettings:
    """How a work's editions are made (its build.yaml)."""

    simplified: Simplified = DEFAULT_SETTINGS
    parallel: Parallel = DEFAULT_PARALLEL
    interleaved: Interleaved = DEFAULT_INTERLEAVED


def editions_for(work: Work, settings: EditionSettings | None = None) -> list[Edition]:
    """Every edition the text in the repository allows: the original; a Traditional Chinese
    original in Simplified characters too; each translation; and for each translation
    aligned with the original, a parallel and an interleaved edition."""
    settings = settings or EditionSettings()
    editions: list[Edition] = []
    source = work.source
    if source is not None:
        editions.append(Edition(work, EditionKind.ORIGINAL, source))
        if language_script(work.original.language) == ("zh", "Hant"):
            converted = simplified_document(source, settings.simplified)
            simplified = settings.simplified
            editions.append(Edition(work, EditionKind.SIMPLIFIED, converted, simplified=simplified))
    for lang in sorted(work.translations):
        tr = work.translations[lang]
        if tr.document is None:
            continue
        editions.append(Edition(work, EditionKind.TRANSLATION, tr.document, tr))
        if source is None or tr.alignment is None:
            continue
        for kind, layout in (
            (EditionKind.PARALLEL, Layout.PARALLEL),
            (EditionKind.INTERLEAVED, Layout.INTERLEAVED),
        ):
            texts = Bilingual(
                source,
                work.original.language,
                tr.document,
                lang,
                tr.alignment,
                layout,
                settings.parallel,
                settings.interleaved,
            )
            editions.append(Edition(work, kind, tr.document, tr, bilingual=texts))
    return editions
