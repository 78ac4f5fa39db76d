"""The attribution metadata schema: what it accepts, and errors that name file, line and field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from toolkit.errors import FormatError, MetadataError
from toolkit.metadata import Credit, Organisation, Person, VariantTitle, pick
from toolkit.store.metafile import load_original, load_translation

GOOD_ORIGINAL = """\
# The original, as first published.
language: zh-Hant-TW
title: 公園裡的小鳥
title_note: 原刊標題
title_variants:
  - text: 公园里的小鸟
    note: 簡體轉載
authors:
  - name:
      zh-Hant: 陳美麗
      zh-Hans: 陈美丽
      en: Mei-li Chen
    sort_as: Chen, Mei-li
    note: {en: journalist, zh-Hant: 記者}
  - name: {zh-Hant: 林大衛}
publisher:
  name: {zh-Hant: 試刊社, en: Trial Press}
  url: https://example.org/press
url: http://example.org/zh/birds?id=7
date: 2023-11-05
date_source: 網頁上的日期
rights: © 2023 試刊社
image_credits:
  - text: 攝影：林大衛
    as_published: （攝影／林大衛）
    subject: 公園
"""

GOOD_TRANSLATION = """\
language: en
title: Birds in the Park
translators:
  - name: {en: Jane Doe, zh-Hant: 杜珍}
    sort_as: Doe, Jane
publisher:
  name: {en: Example Review}
url: https://example.org/en/birds
date: 2024-02-03
licence: CC BY 4.0
translator_note: |
  Translated with the author's permission.
  Names follow Wade-Giles.
photo_credits:
  - text: Li Wei on Example Images
    as_published: (Featured photo by Li Wei on Example Images)
"""


def write(tmp_path: Path, text: str, name: str = "meta.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(
    path: Path, loader: Callable[[Path], object] = load_translation
) -> list[tuple[str, int, str]]:
    with pytest.raises(MetadataError) as info:
        loader(path)
    assert info.value.path == path
    return info.value.problems


def only_problem(
    path: Path, loader: Callable[[Path], object] = load_translation
) -> tuple[str, int, str]:
    problems = problems_of(path, loader)
    assert len(problems) == 1, problems
    return problems[0]


# --- what the schema accepts ---------------------------------------------------------------


def test_good_original_is_read_field_by_field(tmp_path: Path) -> None:
    meta = load_original(write(tmp_path, GOOD_ORIGINAL))
    assert meta.language == "zh-Hant-TW"
    assert meta.title == "公園裡的小鳥"
    assert meta.title_note == "原刊標題"
    assert meta.title_variants == [VariantTitle(text="公园里的小鸟", note="簡體轉載")]
    first, second = meta.authors
    assert first == Person(
        name={"zh-Hant": "陳美麗", "zh-Hans": "陈美丽", "en": "Mei-li Chen"},
        sort_as="Chen, Mei-li",
        note={"en": "journalist", "zh-Hant": "記者"},
    )
    assert second.name == {"zh-Hant": "林大衛"}
    assert second.sort_as is None
    assert meta.publisher == Organisation(
        name={"zh-Hant": "試刊社", "en": "Trial Press"}, url="https://example.org/press"
    )
    assert meta.url == "http://example.org/zh/birds?id=7"
    assert meta.date == dt.date(2023, 11, 5)
    assert meta.date_source == "網頁上的日期"
    assert meta.rights == "© 2023 試刊社"
    assert meta.licence is None
    assert meta.image_credits == [
        Credit(text="攝影：林大衛", as_published="（攝影／林大衛）", subject="公園")
    ]


def test_good_translation_is_read_field_by_field(tmp_path: Path) -> None:
    meta = load_translation(write(tmp_path, GOOD_TRANSLATION))
    assert meta.language == "en"
    assert meta.title == "Birds in the Park"
    assert meta.translators == [
        Person(name={"en": "Jane Doe", "zh-Hant": "杜珍"}, sort_as="Doe, Jane")
    ]
    assert meta.publisher is not None
    assert meta.publisher.name == {"en": "Example Review"}
    assert meta.publisher.url is None
    assert meta.date == dt.date(2024, 2, 3)
    assert meta.licence == "CC BY 4.0"
    assert meta.rights is None
    assert meta.translator_note == (
        "Translated with the author's permission.\nNames follow Wade-Giles.\n"
    )
    assert meta.photo_credits == [
        Credit(
            text="Li Wei on Example Images",
            as_published="(Featured photo by Li Wei on Example Images)",
        )
    ]


def test_only_title_and_language_are_required(tmp_path: Path) -> None:
    meta = load_translation(write(tmp_path, "language: en\ntitle: Birds\n"))
    assert (meta.translators, meta.publisher, meta.date, meta.translator_note) == (
        [],
        None,
        None,
        None,
    )


@pytest.mark.parametrize("tag", ["en", "zh", "zh-Hant", "zh-Hans", "zh-Hant-TW", "zh-TW", "es-419"])
def test_language_tags_that_are_accepted(tmp_path: Path, tag: str) -> None:
    meta = load_translation(write(tmp_path, f"language: {tag}\ntitle: x\n"))
    assert meta.language == tag


# --- YAML 1.1 surprises ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("no", "no"),
        ("No", "No"),
        ("yes", "yes"),
        ("off", "off"),
        ("true", "true"),
        ("2024-01-01", "2024-01-01"),
        ("1.10", "1.10"),
        ("1_000", "1_000"),
        ("0o17", "0o17"),
        ("012", "012"),
        ("1e3", "1e3"),
        (".nan", ".nan"),
        ("12:30", "12:30"),
    ],
)
def test_scalars_stay_text(tmp_path: Path, written: str, expected: str) -> None:
    text = (
        f"language: en\ntitle: {written}\nrights: {written}\n"
        f"translators:\n  - name: {{en: {written}}}\n    sort_as: {written}\n"
    )
    meta = load_translation(write(tmp_path, text))
    assert meta.title == expected
    assert meta.rights == expected
    assert meta.translators[0].name == {"en": expected}
    assert meta.translators[0].sort_as == expected


def test_norwegian_language_tag_no_is_not_false(tmp_path: Path) -> None:
    meta = load_translation(write(tmp_path, "language: no\ntitle: Fuglene i parken\n"))
    assert meta.language == "no"


# --- validation errors: file, line, field, what is wrong -----------------------------------


def test_unknown_field_is_named_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "language: en\ntitle: Birds\ntranslater_note: oops\n")
    field, line, message = only_problem(path)
    assert (field, line) == ("translater_note", 3)
    assert "unknown field" in message


def test_misspelt_nested_field_is_named_with_its_line(tmp_path: Path) -> None:
    text = "language: en\ntitle: Birds\ntranslators:\n  - name: {en: Jane Doe}\n    sortas: Doe\n"
    field, line, message = only_problem(write(tmp_path, text))
    assert (field, line) == ("translators[0].sortas", 5)
    assert "unknown field" in message


def test_a_field_of_the_translation_is_unknown_in_the_original(tmp_path: Path) -> None:
    text = "language: zh-Hant\ntitle: 小鳥\ntranslator_note: 不屬於原作\n"
    field, line, message = only_problem(write(tmp_path, text), load_original)
    assert (field, line) == ("translator_note", 3)
    assert "unknown field" in message


def test_missing_title_and_language(tmp_path: Path) -> None:
    path = write(tmp_path, "# a comment\nrights: © 2024 Jane Doe\n")
    problems = problems_of(path)
    assert sorted((f, line) for f, line, _ in problems) == [("language", 2), ("title", 2)]
    assert all(m == "required field is missing" for _, _, m in problems)


def test_missing_fields_of_an_empty_file_are_on_line_1(tmp_path: Path) -> None:
    problems = problems_of(write(tmp_path, ""))
    assert sorted((f, line) for f, line, _ in problems) == [("language", 1), ("title", 1)]


def test_missing_nested_field_points_at_its_item(tmp_path: Path) -> None:
    text = "language: en\ntitle: Birds\ntranslators:\n  - sort_as: Doe, Jane\n"
    field, line, message = only_problem(write(tmp_path, text))
    assert (field, line, message) == ("translators[0].name", 4, "required field is missing")


def test_bad_language_tag(tmp_path: Path) -> None:
    field, line, message = only_problem(write(tmp_path, "title: Birds\nlanguage: English\n"))
    assert (field, line) == ("language", 2)
    assert "'English' is not a language tag" in message


@pytest.mark.parametrize("tag", ["zh_TW", "zh-hant", "EN", "zh-Hant-tw", "e"])
def test_bad_language_tag_as_a_name_key(tmp_path: Path, tag: str) -> None:
    text = (
        f"language: en\ntitle: Birds\ntranslators:\n  - name:\n      en: Jane\n      {tag}: 杜珍\n"
    )
    field, line, message = only_problem(write(tmp_path, text))
    assert field.startswith("translators[0].name")
    assert tag in field
    assert line == 6
    assert "is not a language tag" in message


@pytest.mark.parametrize("url", ["example.org/en/1", "ftp://example.org/x", "https://a b.org"])
def test_bad_url(tmp_path: Path, url: str) -> None:
    field, line, message = only_problem(write(tmp_path, f"language: en\ntitle: x\nurl: {url}\n"))
    assert (field, line) == ("url", 3)
    assert "is not an http(s) address" in message


def test_bad_publisher_url_names_the_nested_field(tmp_path: Path) -> None:
    text = "language: en\ntitle: x\npublisher:\n  name: {en: Press}\n  url: www.example.org\n"
    field, line, message = only_problem(write(tmp_path, text))
    assert (field, line) == ("publisher.url", 5)
    assert "'www.example.org' is not an http(s) address" in message


@pytest.mark.parametrize(
    ("date", "what"),
    [
        ("2024-13-01", "month"),
        ("2024-02-30", "day"),
        ("next week", "YYYY-MM-DD"),
        ("2024", "YYYY-MM-DD"),
        ("20240102", "YYYY-MM-DD"),
        # A number is not a date: pydantic alone reads it as seconds since 1970.
        ("86400", "YYYY-MM-DD"),
        ("2024-01-02T00:00:00", "YYYY-MM-DD"),
    ],
)
def test_bad_date(tmp_path: Path, date: str, what: str) -> None:
    text = f"language: en\ntitle: x\ndate: {date}\nrights: r\n"
    field, line, message = only_problem(write(tmp_path, text))
    assert (field, line) == ("date", 3)
    assert what in message


def test_a_list_where_a_mapping_is_expected(tmp_path: Path) -> None:
    text = "language: en\ntitle: x\npublisher:\n  - name: {en: Press}\n"
    field, line, message = only_problem(write(tmp_path, text))
    assert (field, line) == ("publisher", 3)
    assert "dictionary" in message


def test_a_list_where_a_name_mapping_is_expected(tmp_path: Path) -> None:
    text = "language: en\ntitle: x\ntranslators:\n  - name: [Jane Doe]\n"
    field, line, message = only_problem(write(tmp_path, text))
    assert (field, line) == ("translators[0].name", 4)
    assert "dictionary" in message


def test_a_mapping_where_a_list_is_expected(tmp_path: Path) -> None:
    text = "language: en\ntitle: x\ntranslators:\n  name: {en: Jane Doe}\n"
    field, line, message = only_problem(write(tmp_path, text))
    assert (field, line) == ("translators", 3)
    assert "list" in message


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = "language: english\ntitel: x\nurl: nowhere\n"
    problems = problems_of(write(tmp_path, text))
    assert {(f, line) for f, line, _ in problems} == {
        ("language", 1),
        ("title", 1),
        ("titel", 2),
        ("url", 3),
    }


def test_error_message_names_file_line_and_field(tmp_path: Path) -> None:
    path = write(tmp_path, "language: en\ntitle: x\nurl: nowhere\n")
    with pytest.raises(MetadataError) as info:
        load_translation(path)
    text = str(info.value)
    assert f"{path.name}:3: url: 'nowhere' is not an http(s) address" in text
    assert "fix:" in text


def test_a_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    _, line, message = only_problem(write(tmp_path, "- language: en\n- title: x\n"))
    assert line == 1
    assert "mapping" in message


def test_duplicate_key_is_a_format_error_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "language: en\ntitle: x\nurl: https://example.org\ntitle: y\n")
    with pytest.raises(FormatError) as info:
        load_translation(path)
    assert info.value.where is not None
    assert info.value.where.path == path
    assert info.value.where.line == 4
    assert "'title' appears twice" in str(info.value)
    assert f"{path.name}:4: " in str(info.value)


def test_duplicate_nested_key_is_a_format_error_with_its_line(tmp_path: Path) -> None:
    text = "language: en\ntitle: x\ntranslators:\n  - name:\n      en: Jane\n      en: Joan\n"
    with pytest.raises(FormatError) as info:
        load_translation(write(tmp_path, text))
    assert info.value.where is not None
    assert info.value.where.line == 6
    assert "'en' appears twice" in info.value.message


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("language: en\ntitle: [a, b\nurl: x\n", 3, 4),
        ("language: en\ntranslators:\n\t- name: x\n", 3, 1),
        ("language: en\ntitle: a: b\n", 2, 9),
    ],
)
def test_broken_yaml_is_a_format_error_with_line_and_column(
    tmp_path: Path, text: str, line: int, column: int
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(FormatError) as info:
        load_translation(path)
    where = info.value.where
    assert where is not None
    assert (where.path, where.line, where.column) == (path, line, column)
    assert f"{path.name}:{line}:{column}: not valid YAML" in str(info.value)


def test_file_that_is_not_utf8_is_a_format_error(tmp_path: Path) -> None:
    path = tmp_path / "meta.yaml"
    path.write_bytes("language: en\ntitle: 小鳥\n".encode("big5"))
    with pytest.raises(FormatError) as info:
        load_translation(path)
    assert info.value.where is not None
    assert info.value.where.line == 2


# --- pick: the name in the right script ----------------------------------------------------

NAMES = {"zh-Hans": "陈美丽", "zh-Hant": "陳美麗", "en": "Mei-li Chen"}


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh-Hant", "陳美麗"),
        ("zh-Hans", "陈美丽"),
        ("en", "Mei-li Chen"),
        ("en-GB", "Mei-li Chen"),
        # The script decides, whatever order the names were written in.
        ("zh-Hant-TW", "陳美麗"),
        ("zh-Hans-CN", "陈美丽"),
        # A Chinese region implies its script.
        ("zh-TW", "陳美麗"),
        ("zh-HK", "陳美麗"),
        ("zh-CN", "陈美丽"),
        # Unknown language: the first name given.
        ("fr", "陈美丽"),
    ],
)
def test_pick_chooses_the_right_script(lang: str, expected: str) -> None:
    assert pick(NAMES, lang) == expected


def test_pick_prefers_the_script_in_either_order() -> None:
    hant_first = {"zh-Hant": "陳美麗", "zh-Hans": "陈美丽"}
    hans_first = {"zh-Hans": "陈美丽", "zh-Hant": "陳美麗"}
    for names in (hant_first, hans_first):
        assert pick(names, "zh-Hant-TW") == "陳美麗"
        assert pick(names, "zh-Hans") == "陈美丽"


def test_pick_falls_back_to_the_same_language_in_another_script() -> None:
    assert pick({"en": "Mei-li Chen", "zh-Hant": "陳美麗"}, "zh-Hans") == "陳美麗"
    assert pick({"en": "Mei-li Chen", "zh-Hant-TW": "陳美麗"}, "zh") == "陳美麗"


def test_person_display_uses_pick() -> None:
    person = Person(name={"en": "Mei-li Chen", "zh-Hans": "陈美丽", "zh-Hant": "陳美麗"})
    assert person.display("zh-Hant-TW") == "陳美麗"
    assert person.display("en") == "Mei-li Chen"
