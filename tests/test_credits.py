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
    [edition] = [e for e in editions_for(load_work(root, "trial")) if e.lang == lang]
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
