"""Who made an edition, decided once: the one model every place that credits anyone reads.

The title page and the colophon (``credits``), the HTML ``<meta>`` elements and JSON-LD,
the EPUB package document and the PDF's document information (``formats``,
``epubmeta``) all derive from :class:`Attribution`, built from the work's metadata by
:func:`attribution_of` for the reader of one edition. What a credit says (whose rights,
which publisher, which date, how a name is shown in the reader's language) is therefore
decided here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.metadata import Credit, Organisation, Original, Person, Translation, pick
from toolkit.render.edition import Edition, EditionKind
from toolkit.render.simplified import simplified_text

__all__ = ["Attribution", "attribution_of", "forms", "full_name"]


def forms(names: dict[str, str], lang: str) -> list[tuple[str, str]]:
    """(tag, text) of each form of a name: the reader's first, then the others, each
    text once (the same name in two scripts is given once)."""
    first = pick(names, lang)
    tag = next(t for t, text in names.items() if text == first)
    out = [(tag, first)]
    seen = {first}
    for other, text in names.items():
        if text not in seen:
            seen.add(text)
            out.append((other, text))
    return out


def full_name(person: Person, lang: str) -> str:
    """A name for a reader of ``lang``, its other forms after it: ``Yi-cheng Jou (周奕成)``."""
    first, *others = forms(person.name, lang)
    return first[1] + (f" ({', '.join(text for _, text in others)})" if others else "")


@dataclass(frozen=True)
class Attribution:
    """An edition's credits: the work's people and both publications, for one reader.

    ``original`` and ``translation`` are the metadata as written; the properties are the
    decisions every output shares.
    """

    #: The reader's language: the edition's.
    lang: str
    #: The edition's own title (the translation's, in a translation).
    title: str
    original: Original
    translation: Translation | None
    #: The work's ID, which the colophon names.
    work: str
    #: The credits of the figures this edition shows, in order, each once.
    figure_credits: tuple[str, ...] = ()
    #: This edition's own ISBN-13 (see ``attribution_of``), if it has one.
    isbn: str | None = None
    #: This edition's keywords, in its language.
    keywords: tuple[str, ...] = ()

    @property
    def authors(self) -> list[Person]:
        return list(self.original.authors)

    @property
    def translators(self) -> list[Person]:
        return list(self.translation.translators) if self.translation else []

    @property
    def people(self) -> list[Person]:
        """Everyone credited: the authors, then the translators."""
        return [*self.authors, *self.translators]

    @property
    def own(self) -> Original | Translation:
        """The publication this edition is: the translation's, or the original's."""
        return self.translation if self.translation is not None else self.original

    @property
    def publisher(self) -> Organisation | None:
        return self.own.publisher

    @property
    def publisher_name(self) -> str | None:
        return pick(self.publisher.name, self.lang) if self.publisher else None

    @property
    def rights(self) -> str | None:
        """The edition's rights statement, or else its licence."""
        return self.own.rights or self.own.licence

    @property
    def date(self) -> str | None:
        return self.own.date.isoformat() if self.own.date else None

    @property
    def source(self) -> str | None:
        """What a translation is a translation of: the original's address, else its title."""
        if self.translation is None:
            return None
        return self.original.url or self.original.title

    @property
    def translator_note(self) -> str | None:
        return self.translation.translator_note if self.translation else None

    @property
    def image_credits(self) -> list[Credit]:
        """The credits of the images this edition shows: the metadata's credit where it is
        the figure's (with what it credits), else the figure's own. A credit the metadata
        keeps for an image the edition does not show (the original's featured photo, left
        out on import) is not the edition's to print."""
        known = [*self.original.image_credits]
        if self.translation is not None:
            known += self.translation.photo_credits
        out: list[Credit] = []
        for text in self.figure_credits:
            match = next((c for c in known if text in (c.text, c.as_published)), None)
            out.append(match or Credit(text=text))
        return out

    def shown(self, person: Person) -> str:
        """A name as the reader's language writes it: ``周奕成`` or ``Yi-cheng Jou``."""
        return pick(person.name, self.lang)

    def full(self, person: Person) -> str:
        return full_name(person, self.lang)

    def description(self) -> str:
        """What the edition is, in a sentence (HTML, EPUB, the PDF's subject)."""
        authors = ", ".join(self.full(p) for p in self.authors)
        if self.translation is None:
            return f"{self.original.title}, by {authors}"
        translators = ", ".join(self.full(p) for p in self.translators)
        return (
            f"{self.translation.title}: a translation of {self.original.title} by {authors}, "
            f"translated by {translators}"
        )

    def meta_tags(self) -> list[tuple[str, str]]:
        """(name, content) of each HTML ``<meta>``: the names WeasyPrint puts in a PDF's
        document information (author, description) and the rest of the attribution."""
        tags = [("author", self.full(p)) for p in self.authors]
        tags.append(("description", self.description()))
        if self.date:
            tags.append(("dcterms.date", self.date))
        tags += [("translator", self.full(p)) for p in self.translators]
        if self.source:
            tags.append(("dcterms.source", self.source))
        if self.publisher_name:
            tags.append(("publisher", self.publisher_name))
        if self.rights:
            tags.append(("dcterms.rights", self.rights))
        tags.append(("original-title", self.original.title))
        if self.keywords:  # WeasyPrint makes this the PDF's /Keywords
            tags.append(("keywords", ", ".join(self.keywords)))
        if self.isbn:
            tags.append(("dcterms.identifier", f"urn:isbn:{self.isbn}"))
        return tags

    def json_ld(self) -> dict[str, object]:
        """schema.org's ``Article``: the translation, ``translationOfWork`` the original.

        A publication with an ISBN is a ``Book`` (schema.org gives ``isbn`` to books only),
        each with its own ISBN: the edition's is this edition's (none for a Simplified
        edition unless its build.yaml gives one), the original's is the original's."""
        original = self.original
        source: dict[str, object] = {
            "@type": "Book" if original.isbn else "Article",
            "name": original.title,
            "inLanguage": original.language,
            "author": [self._person(p) for p in self.authors],
            "publisher": self._org(original.publisher),
            "url": original.url,
            "datePublished": original.date.isoformat() if original.date else None,
            "isbn": original.isbn,
        }
        tr = self.translation
        if tr is None:
            data: dict[str, object] = {"@context": "https://schema.org", **source}
            data |= {"@type": "Book" if self.isbn else "Article", "isbn": self.isbn}
        else:
            data = {
                "@context": "https://schema.org",
                "@type": "Book" if self.isbn else "Article",
                "name": tr.title,
                "inLanguage": tr.language,
                "author": source["author"],
                "translator": [self._person(p) for p in self.translators],
                "publisher": self._org(tr.publisher),
                "url": tr.url,
                "datePublished": tr.date.isoformat() if tr.date else None,
                "isbn": self.isbn,
                "translationOfWork": source,
            }
        data["keywords"] = list(self.keywords)
        cleaned = _drop_empty(data)
        assert isinstance(cleaned, dict)
        return cleaned

    def epub_metadata(self) -> dict[str, object]:
        """What Pandoc writes into the EPUB package document: the authors (role aut) and
        translators (trl) as the reader's language writes them, the source, publisher,
        rights, date and description. ``epubmeta`` adds the names' other scripts."""
        meta: dict[str, object] = {
            "title": self.title,
            "lang": self.lang,
            "creator": [self._epub_person(p, "aut") for p in self.authors],
            "description": self.description(),
        }
        if self.translators:
            meta["contributor"] = [self._epub_person(p, "trl") for p in self.translators]
        if self.translation is not None and self.original.url:
            meta["source"] = self.original.url
        if self.publisher_name:
            meta["publisher"] = self.publisher_name
        if self.rights:
            meta["rights"] = self.rights
        if self.date:
            meta["date"] = self.date
        if self.keywords:
            meta["subject"] = list(self.keywords)
        return meta

    def _person(self, person: Person) -> dict[str, object]:
        return {"@type": "Person", "name": self.full(person)}

    def _org(self, org: Organisation | None) -> dict[str, object] | None:
        if org is None:
            return None
        return {"@type": "Organization", "name": pick(org.name, self.lang), "url": org.url}

    def _epub_person(self, person: Person, role: str) -> dict[str, str]:
        entry = {"role": role, "text": self.shown(person)}
        return entry | ({"file-as": person.sort_as} if person.sort_as else {})


def _drop_empty(value: object) -> object:
    if isinstance(value, dict):
        return {k: _drop_empty(v) for k, v in value.items() if v not in (None, [], "")}
    if isinstance(value, list):
        return [_drop_empty(v) for v in value]
    return value


def attribution_of(edition: Edition) -> Attribution:
    """The attribution of ``edition``, for its reader.

    An ISBN belongs to one publication: the original's edition carries the original's
    (work.yaml), a translation's edition the translation's (<lang>.yaml), a Simplified
    edition, a publication of its own, only the one its build.yaml gives, and a
    bilingual edition none. Its keywords are its publication's (the original's,
    converted, in a Simplified edition)."""
    tr = edition.translation
    original = edition.work.original
    isbn, keywords = edition.publication.isbn, tuple(edition.publication.keywords)
    if edition.kind is EditionKind.SIMPLIFIED and edition.simplified is not None:
        isbn = edition.simplified.isbn
        keywords = tuple(simplified_text(k, edition.simplified) for k in keywords)
    if edition.bilingual is not None:
        isbn = None
    return Attribution(
        lang=edition.lang,
        title=edition.title,
        original=original,
        translation=tr.meta if tr is not None else None,
        work=edition.work.id,
        figure_credits=tuple(edition.figures),
        isbn=isbn,
        keywords=tuple(dict.fromkeys(keywords)),
    )
