"""Start a work: its metadata files, valid against the schema, with the fields a person
should fill in present as comments (``toolkit new``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import Location, ToolkitError
from toolkit.metadata import LANG_RE, Original, Translation, language_script
from toolkit.store.fileio import write_files
from toolkit.store.importrecord import dump_yaml
from toolkit.store.metafile import parse_model
from toolkit.store.work import WORK_ID_RE, WorkPaths
from toolkit.store.workfile import folders_of


@dataclass(frozen=True)
class NewWork:
    """A work to start: the original's language and title, its authors' names, and the
    translations to prepare (language → title, or None when it is not known yet)."""

    id: str
    lang: str
    title: str
    authors: tuple[str, ...] = ()
    translations: dict[str, str | None] = field(default_factory=dict)


def create_work(root: Path, new: NewWork) -> list[Path]:
    """Write ``source/<work>/work.yaml`` and one ``translations/<work>/<lang>.yaml`` per
    translation. Refuses (ToolkitError, nothing written) a work that exists, a bad work
    ID or a bad language tag."""
    paths = WorkPaths(root, new.id)
    _refuse_bad(paths, new)
    files: dict[Path, str | bytes] = {paths.original_meta: original_yaml(new)}
    for lang, title in new.translations.items():
        files[paths.translation_meta(lang)] = translation_yaml(new, lang, title)
    for path, text in files.items():
        model = Original if path == paths.original_meta else Translation
        assert isinstance(text, str)
        parse_model(text, path, model)  # a template that does not validate is a bug
    write_files(files, within=folders_of(root, new.id))
    return list(files)


def _refuse_bad(paths: WorkPaths, new: NewWork) -> None:
    if not WORK_ID_RE.fullmatch(new.id):
        raise ToolkitError(
            f"{new.id!r} is not a work ID",
            fix="use lower-case letters, digits and '-', starting with a letter or digit "
            "(e.g. my-work)",
        )
    for folder in (paths.source_dir, paths.translations_dir):
        if folder.exists():
            raise ToolkitError(
                f"work {new.id!r} exists already",
                where=Location(folder),
                fix="choose another work ID, or edit the files that are there",
            )
    for lang in (new.lang, *new.translations):
        if not LANG_RE.fullmatch(lang):
            raise ToolkitError(
                f"{lang!r} is not a language tag",
                fix="give a tag such as zh-Hant-TW, zh-Hans, en or ja",
            )
    for lang in new.translations:
        if language_script(lang) == language_script(new.lang):
            raise ToolkitError(
                f"--translation {lang} is the original's language ({new.lang})",
                fix="a translation is in another language or script than the original "
                "(zh-Hans beside zh-Hant-TW is one)",
            )
    if any(not name.strip() for name in new.authors):
        raise ToolkitError("an --author is blank", fix="give each author's name, or leave it out")
    if not new.title.strip():
        raise ToolkitError("the title is blank", fix="give the original's title with --title")


def _name_key(name: str, lang: str) -> str:
    """The script a name is written in: the original's for Han characters, else English."""
    if any("\u3400" <= ch <= "\u9fff" for ch in name):
        language, script = language_script(lang)
        return f"{language}-{script}" if script else language
    return "en"


def original_yaml(new: NewWork) -> str:
    head = dump_yaml({"language": new.lang, "title": new.title}).rstrip("\n")
    if new.authors:
        people = [{"name": {_name_key(a, new.lang): a}} for a in new.authors]
        authors = dump_yaml({"authors": people}).rstrip("\n")
        authors += "\n  # sort_as: Family, Given          (how a name sorts in a catalogue)"
    else:
        authors = "# authors:\n#   - name: {zh-Hant: 作者, en: Author}"
    return f"""# The original, as first published. Schema: docs/metadata.md
# Fill in the commented fields you know: toolkit check reports what is missing.
{head}
{authors}
# publisher:
#   name: {{zh-Hant: 出版者, en: Publisher}}
#   url: https://example.org/
# url: https://example.org/the-article     (where the original was published)
# date: YYYY-MM-DD                         (when it was first published)
# rights: © YYYY name                      (who holds the copyright), or
# licence: CC BY 4.0
"""


def translation_yaml(new: NewWork, lang: str, title: str | None) -> str:
    head = dump_yaml({"language": lang, "title": title or new.title}).rstrip("\n")
    todo = "" if title else "\n# ^ the original's title for now: replace it with the translation's"
    return f"""# The {lang} translation. Schema: docs/metadata.md
# Fill in the commented fields you know: toolkit check reports what is missing.
{head}{todo}
# translators:
#   - name: {{en: Translator}}
#     sort_as: Family, Given
# publisher:
#   name: {{en: Publisher}}
#   url: https://example.org/
# url: https://example.org/the-translation
# date: YYYY-MM-DD
# rights: © YYYY name, or
# licence: CC BY 4.0
"""
