"""Title page and colophon text, in the edition's language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import ORIGINAL_YAML
from toolkit.render.credits import credits_for, labels
from toolkit.render.edition import editions_for
from toolkit.store.work import load_work

MakeRepo = Callable[..., Path]

TWO_AUTHORS = ORIGINAL_YAML.replace(
    "    sort_as: Wang, Hsiao-ming\n",
    "    sort_as: Wang, Hsiao-ming\n  - name: {zh-Hant: 李大同}\n  - name: {zh-Hant: 陳美}\n",
)


def _title_page(root: Path, lang: str) -> list[str]:
    [edition] = [
        e for e in editions_for(load_work(root, "trial")) if e.lang == lang and e.bilingual is None
    ]
    return ["".join(run.text for run in line) for line in credits_for(edition).title_page]


def test_chinese_title_page_joins_names_the_chinese_way(make_repo: MakeRepo) -> None:
    root = make_repo(original=TWO_AUTHORS)
    assert _title_page(root, "zh-Hant-TW")[0] == "作者：王小明 (Hsiao-ming Wang)、李大同、陳美"
    assert _title_page(root, "en")[0] == "by Hsiao-ming Wang (王小明), 李大同 and 陳美"


def test_simplified_editions_get_simplified_labels() -> None:
    assert labels("zh-Hant-TW")["colophon"] == "關於本版"
    assert labels("zh-Hans")["colophon"] == "关于本版"
    assert labels("zh-CN")["translator"] == "译者"
    assert labels("fr")["colophon"] == "About this edition"  # no French labels yet


NOTED = ORIGINAL_YAML.replace(
    "    sort_as: Wang, Hsiao-ming\n",
    "    sort_as: Wang, Hsiao-ming\n    note: {en: a poet from Tainan}\n",
).replace("date: 2024-01-02\n", "date: 2024-01-02\ndate_source: read from the address\n")


def _colophon(root: Path, lang: str) -> dict[str, list[tuple[str, str | None]]]:
    """Label → (text, language) runs of the original's section of the colophon."""
    [edition] = [
        e for e in editions_for(load_work(root, "trial")) if e.lang == lang and e.bilingual is None
    ]
    section = credits_for(edition).colophon[0]
    return {e.label: [(r.text, r.lang) for r in e.value] for e in section.entries}


def test_a_chinese_colophon_says_when_the_metadata_has_only_english(make_repo: MakeRepo) -> None:
    # Found when tried as a new user would: English notes in the Chinese edition, unmarked.
    root = make_repo(original=NOTED)
    zh = _colophon(root, "zh-Hant-TW")
    assert ("a poet from Tainan", "en") in zh["作者"]
    assert "".join(t for t, _ in zh["作者"]).endswith("，a poet from Tainan（資料只有英文）")
    assert ("read from the address", "en") in zh["發表日期"]
    assert (
        "".join(t for t, _ in zh["發表日期"])
        == "2024-01-02 (read from the address)（資料只有英文）"
    )
    en = _colophon(root, "en")  # in its own language, a note is not remarked on
    assert "".join(t for t, _ in en["Author"]).endswith(", a poet from Tainan")
    assert "".join(t for t, _ in en["Published"]) == "2024-01-02 (read from the address)"
