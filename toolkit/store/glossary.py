"""The glossary of a work: how its names and terms are translated (``source/<work>/glossary.csv``).

A CSV file in UTF-8 (a byte-order mark, as spreadsheets write it, is fine), commas
between values, a header row naming the columns, then one term a line::

    zh,en,note,case
    普丁|普京,Putin,Russian president (Taiwan writes 普丁)
    習近平,Xi Jinping|Xi,,
    # a line whose first value starts with # is a comment
    世界衛生組織,World Health Organization|WHO,,yes

- ``zh`` (required): the Chinese term; variants separated by ``|``. Traditional and
  Simplified forms match alike (both are folded through OpenCC's tables, :func:`fold`),
  so 習近平 also finds 习近平;
- ``en`` (required): the English translation, first the one to use, then the accepted
  variants after ``|``. Matched on word boundaries, whatever the case, with a plural
  (``s``, ``es``; ``ies`` for ``y``, ``es`` for ``is``) tolerated; hyphens and spaces
  between words are alike; a leading ``.`` or a final ``+`` or ``#`` (.NET, C++, C#) is
  part of the term;
- ``note`` (optional): shown with every finding of the term;
- ``case`` (optional): ``yes`` to match the English only in the case written (acronyms
  such as ``WHO``, which is also a word); empty or ``no`` otherwise.

The glossary has no direction: when the source is Chinese, ``zh`` is looked for in the
source and ``en`` in the translation; when the source is English, the other way round.
Every bad line is reported at once, with its line number and what to do (values holding a
comma are put in double quotes, as any CSV). A TBX file (``.tbx``) is read too: each
``termEntry`` (``conceptEntry`` in TBX 3) with Chinese and English terms is one entry, its
deprecated terms left out; its XML is parsed without resolving entities.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import opencc
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from toolkit.errors import FormatError, Location, ToolkitError, raise_collected, shown_path
from toolkit.languages import language_script
from toolkit.limits import Limits
from toolkit.store.lines import read_text
from toolkit.store.workfile import read_work_file

#: The columns a glossary may have; the first two are required.
COLUMNS = ("zh", "en", "note", "case")
#: A Chinese (Han) character.
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
_LATIN = re.compile(r"[0-9A-Za-z\u00c0-\u024f]")
_YES_NO = {"": False, "no": False, "yes": True}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _fold_table() -> dict[int, str]:
    """One character for one (so offsets stay put): OpenCC's Taiwan and Hong Kong variants
    to its standard form, then Traditional to Simplified (the first choice, character by
    character: phrases only choose among these, and both texts go through the same table);
    full-width ASCII to ASCII; upper-case ASCII to lower case."""
    folder = Path(opencc.__file__).parent / "dictionary"

    def table(name: str) -> dict[str, str]:
        pairs = (line.split("\t") for line in (folder / name).read_text("utf-8").splitlines())
        return {k: v.split(" ")[0] for k, v in pairs if len(k) == 1 and len(v.split(" ")[0]) == 1}

    simplified = table("TSCharacters.txt")
    variants = table("HKVariantsRev.txt") | table("TWVariantsRev.txt")
    folded = {c: simplified.get(variants.get(c, c), variants.get(c, c)) for c in simplified}
    folded |= {c: simplified.get(v, v) for c, v in variants.items()}
    folded |= {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
    folded |= {chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}
    folded["\u3000"] = " "
    for key in folded:  # to the end of each chain, so that the result folds to itself:
        seen = {key}  # 麼 → 么, and 么 (a Simplified character, a Traditional one too) → 幺
        while folded[key] in folded and folded[key] not in seen:
            seen.add(folded[key])
            folded[key] = folded[folded[key]]
    return {ord(k): v for k, v in folded.items() if k != v}


_FOLD = _fold_table()


def fold(text: str) -> str:
    """``text`` with Traditional and Simplified, variant, full- and half-width forms and
    ASCII case made one, character for character (the same length, so offsets hold)."""
    return text.translate(_FOLD)


@dataclass(frozen=True)
class Entry:
    """One term: its Chinese forms and English forms (the first of each is the one to use)."""

    zh: tuple[str, ...]
    en: tuple[str, ...]
    note: str = ""
    #: The English is matched only in the case written.
    case: bool = False
    #: Where the entry is, for messages: ``source/w/glossary.csv:3``.
    where: str = ""

    def terms(self, chinese: bool) -> tuple[str, ...]:
        return self.zh if chinese else self.en


@dataclass(frozen=True)
class Glossary:
    path: str
    entries: tuple[Entry, ...]


def read_glossary(path: Path, limits: Limits | None = None) -> Glossary:
    """The glossary at ``path``, a file of a work: TBX for ``.tbx``, else CSV."""
    limits = limits or Limits.from_env()
    if path.suffix.lower() == ".tbx":
        return parse_tbx(read_work_file(path, limits=limits), path, limits)
    return parse_csv(read_text(path, limits), path, limits)


def parse_csv(text: str, path: Path | str = "<glossary>", limits: Limits | None = None) -> Glossary:
    """A glossary from its CSV text. Raises FormatError naming every bad line."""
    limits = limits or Limits.from_env()
    text = text.removeprefix("\ufeff")
    errors: list[FormatError] = []
    for number, line in enumerate(io.StringIO(text, newline=""), 1):  # lines as csv counts
        try:
            limits.check_segment(path, number, line)
        except FormatError as exc:
            errors.append(exc)
    raise_collected(path, errors)
    header: list[str] | None = None
    entries: list[Entry] = []
    shown = shown_path(path)
    for number, row in _rows(text, path):
        if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        if header is None:
            header = _header(row, path, number)
            continue
        try:
            entries.append(_entry(header, row, f"{shown}:{number}", path, number))
        except FormatError as exc:
            errors.append(exc)
    raise_collected(path, errors)
    if header is None:
        raise FormatError(
            "this glossary has no header row",
            where=Location(path),
            fix="put the column names on the first line: zh,en,note",
        )
    return Glossary(shown, tuple(entries))


def _rows(text: str, path: Path | str) -> Iterable[tuple[int, list[str]]]:
    """Each CSV record with the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    last = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise FormatError(
                f"this line is not CSV as the glossary reads it ({exc})",
                where=Location(path, last + 1),
                fix='put a value holding a comma or a " in double quotes, and double each " '
                'inside it: "say ""yes"", then go"',
            ) from None
        yield last + 1, row
        last = reader.line_num


def _header(row: list[str], path: Path | str, number: int) -> list[str]:
    names = [cell.strip().lower() for cell in row]
    fix = f"name the columns on the first line, separated by commas: {','.join(COLUMNS)}"
    where = Location(path, number)
    if len(names) == 1 and ("\t" in names[0] or ";" in names[0]):
        raise FormatError(
            "the columns are separated by tabs or semicolons, not commas", where=where, fix=fix
        )
    unknown = [n for n in names if n and n not in COLUMNS]
    if unknown:
        raise FormatError(
            f"the header names the column {unknown[0]!r}, which a glossary does not have",
            where=where,
            fix=f"{fix} (zh and en are required; note and case are optional)",
        )
    for name in ("zh", "en"):
        if names.count(name) != 1:
            what = "no" if name not in names else "more than one"
            raise FormatError(f"the header names {what} {name} column", where=where, fix=fix)
    if len(set(filter(None, names))) != len(list(filter(None, names))):
        raise FormatError("the header names a column twice", where=where, fix=fix)
    return names


def _entry(header: list[str], row: list[str], shown: str, path: Path | str, line: int) -> Entry:
    where = Location(path, line)
    if any(cell.strip() for cell in row[len(header) :]):
        raise FormatError(
            f"this line has {len(row)} values, more than the header's {len(header)} columns",
            where=where,
            fix='put a value that holds a comma in double quotes: "Taipei, Taiwan"',
        )
    cells = {name: cell.strip() for name, cell in zip(header, row, strict=False) if name}
    zh = _variants(cells.get("zh", ""), "zh", where)
    en = _variants(cells.get("en", ""), "en", where)
    if not any(HAN.search(term) for term in zh):
        raise FormatError(
            f"the zh column holds {'|'.join(zh)!r}, with no Chinese character",
            where=where,
            fix="put the Chinese term in the zh column and its translation in the en column",
        )
    for term in en:
        if not _LATIN.search(term):
            raise FormatError(
                f"the en column holds {term!r}, with no Latin letter or digit",
                where=where,
                fix="put the English translation in the en column and the Chinese in zh",
            )
    case = cells.get("case", "").lower()
    if case not in _YES_NO:
        raise FormatError(
            f"the case column holds {cells['case']!r}, not yes or no",
            where=where,
            fix="write yes to match the English only in the case written, or leave it empty",
        )
    return Entry(zh, en, cells.get("note", ""), _YES_NO[case], shown)


def _variants(cell: str, column: str, where: Location) -> tuple[str, ...]:
    variants = [v.strip() for v in cell.split("|")]
    if not cell:
        raise FormatError(
            f"the {column} column is empty",
            where=where,
            fix=f"give the {'Chinese term' if column == 'zh' else 'English translation'}, "
            "or delete the line",
        )
    if not all(variants):
        raise FormatError(
            f"the {column} column {cell!r} has an empty variant",
            where=where,
            fix="separate variants by one | with a term on each side: 普丁|普京",
        )
    return tuple(dict.fromkeys(variants))


def parse_tbx(
    data: bytes, path: Path | str = "<glossary>", limits: Limits | None = None
) -> Glossary:
    """A glossary from a TBX file's bytes: entries with Chinese and English terms."""
    limits = limits or Limits.from_env()
    try:
        root = fromstring(data)
    except DefusedXmlException as exc:
        raise ToolkitError(
            f"this TBX file declares entities or external references ({type(exc).__name__}); "
            "it is not read",
            where=Location(path),
            fix="export the termbase again without a DTD, or delete its <!ENTITY …> lines",
        ) from None
    except ParseError as exc:
        line, column = exc.position
        raise FormatError(
            f"this TBX file is not well-formed XML ({exc})",
            where=Location(path, line, column + 1),
            fix="export the termbase again, or correct the XML at this place",
        ) from None
    shown = shown_path(path)
    entries: list[Entry] = []
    for number, concept in enumerate(_tagged(root, "termEntry", "conceptEntry"), 1):
        terms: dict[str, list[str]] = {"zh": [], "en": []}
        for lang_set in _tagged(concept, "langSet", "langSec"):
            language = language_script(lang_set.get(_XML_LANG, lang_set.get("lang", "")))[0]
            if language.lower() in terms:
                terms[language.lower()] += _terms(lang_set, path, limits)
        if terms["zh"] and terms["en"]:
            name = concept.get("id") or str(number)
            entry = Entry(tuple(terms["zh"]), tuple(terms["en"]), where=f"{shown}, entry {name}")
            entries.append(entry)
    return Glossary(shown, tuple(entries))


def _tagged(root: Element, *names: str) -> list[Element]:
    return [e for e in root.iter() if isinstance(e.tag, str) and _local(e.tag) in names]


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _terms(lang_set: Element, path: Path | str, limits: Limits) -> list[str]:
    """A language's terms, preferred first, deprecated ones left out."""
    preferred: list[str] = []
    others: list[str] = []
    for group in lang_set.iter():
        term = next((c for c in group if isinstance(c.tag, str) and _local(c.tag) == "term"), None)
        if term is None:
            continue
        text = " ".join("".join(term.itertext()).split())
        limits.check_segment(path, 0, text, "term")
        notes = " ".join(
            (c.text or "").lower() for c in group if isinstance(c.tag, str) and "Note" in c.tag
        )
        if text and not any(w in notes for w in ("deprecated", "superseded", "notrecommended")):
            (preferred if "preferred" in notes else others).append(text)
    return list(dict.fromkeys(preferred + others))
