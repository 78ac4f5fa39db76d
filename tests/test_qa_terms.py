"""term-missing and term-inconsistent: a translation follows the work's glossary."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.qa import corpus_problems, unit
from toolkit.check.qa.framework import Corpus
from toolkit.check.qa.settings import Settings
from toolkit.check.qa.terms import terms
from toolkit.check.qa.units import Unit
from toolkit.errors import FormatError, ToolkitError

GLOSSARY = """\
zh,en,note,case
普丁|普京,Putin,the Russian president
習近平,Xi Jinping|Xi Jin-ping|Xi,,
台灣,Taiwan,,
台灣人,Taiwanese,,
世界衛生組織,WHO|World Health Organization,,yes
人權,human right,,
中華民國,Republic of China|ROC,,
城市,city,,
分析,analysis,,
C++ 語言,C++,,
C# 語言,C#,,
點網,.NET,,
"""

IDS = ("term-missing", "term-inconsistent")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    path = tmp_path / "glossary.csv"
    path.write_text(GLOSSARY, encoding="utf-8")
    return Settings(glossary=path)


def found(units: list[Unit], settings: Settings) -> list[tuple[str, int]]:
    return [(check, n) for check, n in corpus_problems(units, settings) if check in IDS]


MISSING = [
    # (source (lang, text), target (lang, text), reported?)
    (("zh-Hant", "普丁昨天抵達北京。"), ("en", "Putin arrived in Beijing yesterday."), False),
    (("zh-Hant", "普丁昨天抵達北京。"), ("en", "Poutine arrived in Beijing yesterday."), True),
    (("zh-Hant", "普京昨天抵達北京。"), ("en", "Putin arrived in Beijing yesterday."), False),
    (("zh-Hans", "普京昨天抵达北京。"), ("en", "Putin arrived in Beijing yesterday."), False),
    (("zh-Hans", "普京昨天抵达北京。"), ("en", "Poutine arrived in Beijing yesterday."), True),
    (("zh-Hant", "普丁說話了。"), ("en", "PUTIN SPOKE."), False),  # any case
    (("zh-Hant", "普丁的演說"), ("en", "Putin's speech"), False),  # a possessive
    (("zh-Hant", "普丁的演說"), ("en", "Putin’s speech"), False),
    (("zh-Hant", "普丁的時代"), ("en", "the Putin-era state"), False),  # a hyphen is a boundary
    (("zh-Hant", "普丁的時代"), ("en", "the Putinist state"), True),  # another word
    (("zh-Hant", "普丁和他的部長"), ("en", "Putin and his ministers"), False),
    (("zh-Hant", "普丁來了，普丁走了。"), ("en", "Putin came, and he left."), False),  # said once
    (("zh-Hant", "習近平訪問台灣。"), ("en", "Xi Jinping visited Taiwan."), False),
    (("zh-Hans", "习近平访问台湾。"), ("en", "Xi Jinping visited Taiwan."), False),
    (("zh-Hant", "習近平訪問臺灣。"), ("en", "Xi Jin-ping visited Taiwan."), False),
    (("zh-Hant", "習近平訪問臺灣。"), ("en", "Xi Jin ping visited Taiwan."), False),  # space = -
    (("zh-Hant", "習近平訪問臺灣。"), ("en", "Xi visited Taiwan."), False),
    (("zh-Hant", "習近平訪問臺灣。"), ("en", "Jinping visited Taiwan."), True),
    (("zh-Hant", "習近平訪問臺灣。"), ("en", "Xi, Jinping visited Taiwan."), False),  # still Xi
    (("zh-Hant", "臺灣的選舉"), ("en", "Formosa's election"), True),
    (("zh-Hant", "台灣人的選擇"), ("en", "the Taiwanese choice"), False),  # the longer term
    (("zh-Hans", "台湾人的选择"), ("en", "the choice of the Taiwanese"), False),
    (("zh-Hant", "台灣人的選擇"), ("en", "the choice of the islanders"), True),
    (("zh-Hant", "世界衛生組織開會"), ("en", "The WHO met"), False),
    (("zh-Hant", "世界衛生組織開會"), ("en", "The World Health Organization met"), False),
    (("zh-Hant", "世界衛生組織開會"), ("en", "the world health organization met"), True),  # case
    (("zh-Hant", "世界衛生組織開會"), ("en", "those who met"), True),  # who is not WHO
    (("zh-Hant", "人權很重要"), ("en", "Human rights matter"), False),  # a plural
    (("zh-Hant", "中華民國的憲法"), ("en", "the ROC constitution"), False),
    (("zh-Hant", "中華民國的憲法"), ("en", "the Republic of China's constitution"), False),
    (("zh-Hant", "中華民國的憲法"), ("en", "the Republic, of China constitution"), True),
    (("zh-Hant", "北京很冷。"), ("en", "Beijing is cold."), False),  # no glossary term
    (("zh-Hant", "普丁昨天抵達北京。"), ("en", ""), False),  # not translated: another check's
    (("zh-Hant", "普丁昨天抵達北京。"), ("fr", "Poutine est arrivé à Pékin hier."), False),
    (("zh-Hant", "普丁昨天抵達北京。"), ("zh-Hans", "普京昨天抵达北京。"), False),
    # English source, Chinese translation
    (("en", "Putin arrived in Beijing."), ("zh-Hant", "普丁抵達北京。"), False),
    (("en", "Putin arrived in Beijing."), ("zh-Hant", "普京抵達北京。"), False),
    (("en", "Putin arrived in Beijing."), ("zh-Hans", "普京抵达北京。"), False),
    (("en", "Putin arrived in Beijing."), ("zh-Hant", "蒲亭抵達北京。"), True),
    (("en", "Putin arrived in Beijing."), ("zh-Hans", "蒲亭抵达北京。"), True),
    (("en", "the putins of this world"), ("zh-Hant", "這世上的強人"), True),  # plural, any case
    (("en", "The WHO said"), ("zh-Hant", "世衛說"), True),
    (("en", "Who said so?"), ("zh-Hant", "誰說的？"), False),  # not the acronym
    (("en", "Taiwanese voters"), ("zh-Hant", "台灣選民"), True),  # 台灣人 is asked for
    (("en", "Taiwan voters"), ("zh-Hans", "台湾选民"), False),
    (("en", "Human rights matter."), ("zh-Hant", "人權很重要。"), False),
    (("en", "Human rights matter."), ("zh-Hant", "人的權利很重要。"), True),
    (("en", "call report_human_right()"), ("zh-Hant", "呼叫函式"), False),  # an identifier
    (("en", "Call putin() twice."), ("zh-Hant", "呼叫 putin() 兩次。"), False),  # kept as is
    (("en", "Sort the Putin list."), ("zh-Hant", "排序Putin清單。"), False),  # kept, no space
    (("zh-Hant", "普丁說：好。"), ("en", "普丁 said: yes."), False),  # kept (another check's)
    # Plurals of words in -y and -is: cities, analyses (in either direction)
    (("zh-Hant", "兩座城市"), ("en", "two cities"), False),
    (("zh-Hant", "兩座城市"), ("en", "two towns"), True),
    (("zh-Hant", "兩份分析"), ("en", "two analyses"), False),
    (("en", "the cities of Taiwan"), ("zh-Hant", "台灣的都市"), True),
    (("en", "their analyses"), ("zh-Hant", "他們的研究"), True),
    (("en", "their analyses"), ("zh-Hant", "他們的分析"), False),
    # An apostrophe within a name (Xi'an, the city) is no possessive: the name is another
    (("en", "Xi'an is an old city."), ("zh-Hant", "西安是古老的都市。"), True),  # city only
    (("en", "Xi’an is old."), ("zh-Hant", "西安很古老。"), False),
    (("en", "Xi's speech was short."), ("zh-Hant", "他的演講很短。"), True),  # a possessive
    (("en", "the Xis' speeches"), ("zh-Hant", "演講"), True),
    (("zh-Hant", "習近平說。"), ("en", "In Xi'an, he said."), True),  # Xi'an is no 'Xi'
    # A term's symbols are part of it: C++ is not C, .NET is not the net
    (("zh-Hant", "用 C++ 語言寫。"), ("en", "Write it in C++."), False),
    (("zh-Hant", "用 C++ 語言寫。"), ("en", "Write it in C."), True),
    (("zh-Hant", "用 C# 語言寫。"), ("en", "Write it in C#, then test it."), False),
    (("en", "Write it in C++."), ("zh-Hant", "用 C++ 語言寫。"), False),
    (("en", "Write it in C, not in C#."), ("zh-Hant", "用 C 寫，不用 C#。"), False),  # C# kept
    (("en", "Use the .NET runtime."), ("zh-Hant", "使用點網執行環境。"), False),
    (("en", "Use the .NET runtime."), ("zh-Hant", "使用執行環境。"), True),
    (("en", "Cast the net wide."), ("zh-Hant", "把網撒開。"), False),
]


@pytest.mark.parametrize(("source", "target", "reported"), MISSING)
def test_term_missing(
    source: tuple[str, str], target: tuple[str, str], reported: bool, settings: Settings
) -> None:
    expected = [("term-missing", 0)] if reported else []
    assert found([unit(source, target)], settings) == expected


INCONSISTENT = [
    # (translations of 習近平 (or its target in en→zh), bead indexes reported)
    (["Xi Jinping said.", "Xi Jinping left."], []),
    (["Xi Jinping said.", "Xi Jin-ping left."], [1]),
    (["Xi Jin-ping said.", "Xi Jinping left.", "Xi Jinping came."], [0]),  # the most used wins
    (["Xi Jinping said.", "Xi left.", "Xi came."], []),  # the surname after the full name
    (["Xi Jin-ping said.", "Xi left."], []),
    (["Xi Jinping said.", "Xi Jin-ping left.", "Xi Jin-ping came."], [0]),
    (["Xi Jinping said.", "Jinping left."], []),  # not a listed rendering: term-missing's
]


@pytest.mark.parametrize(("translations", "reported"), INCONSISTENT)
def test_term_inconsistent(
    translations: list[str], reported: list[int], settings: Settings
) -> None:
    source = ("zh-Hant", "習近平說。")
    units = [unit(source, ("en", text)) for text in translations]
    result = [n for check, n in found(units, settings) if check == "term-inconsistent"]
    assert result == reported


@pytest.mark.parametrize("lang", ["zh-Hant", "zh-Hans"])
def test_term_inconsistent_in_a_chinese_translation(lang: str, settings: Settings) -> None:
    units = [
        unit(("en", "Putin spoke."), (lang, "普丁說話了。")),
        unit(("en", "Putin left."), (lang, "普京離開了。")),
        unit(("en", "Putin came back."), ("zh-Hans", "普丁回来了。")),  # 丁 is 丁 in both
    ]
    assert found(units, settings) == [("term-inconsistent", 1)]


def test_each_language_of_a_work_is_consistent_on_its_own(settings: Settings) -> None:
    units = [
        unit(("zh-Hant", "習近平說。"), ("en", "Xi Jinping said.")),
        unit(("zh-Hant", "習近平說。"), ("en-GB", "Xi Jin-ping said.")),
    ]
    assert found(units, settings) == []


def test_the_messages_name_the_term_the_translation_and_the_glossary_line(
    settings: Settings,
) -> None:
    units = [
        unit(("zh-Hant", "普丁說。"), ("en", "Poutine said.")),
        unit(("zh-Hant", "習近平說。"), ("en", "Xi Jinping said.")),
        unit(("zh-Hant", "習近平走了。"), ("en", "Then Xi Jin-ping left.")),
    ]
    problems = [(units.index(u), p) for u, p in terms(Corpus("work", units), settings)]
    (n, missing), (m, inconsistent) = problems
    assert n == 0
    assert "'普丁'" in missing.message and "'Putin'" in missing.message
    assert "the Russian president" in missing.message
    assert "glossary.csv:2" in missing.fix
    assert m == 2
    assert inconsistent.offset == len("Then ")
    assert "'Xi Jin-ping' here (1 bead)" in inconsistent.message
    assert "'Xi Jinping' in 1 bead, first at target:1:1" in inconsistent.message
    assert "glossary.csv:3" in inconsistent.fix


def test_the_glossary_beside_the_original_is_found(tmp_path: Path) -> None:
    (tmp_path / "glossary.csv").write_text(GLOSSARY, encoding="utf-8")
    units = [unit(("zh-Hant", "普丁說。"), ("en", "Poutine said."))]
    assert len(list(terms(Corpus("work", units, tmp_path), Settings()))) == 1
    assert list(terms(Corpus("work", units, tmp_path / "nothing"), Settings())) == []


def test_the_default_glossary_named_in_the_settings_may_be_absent(tmp_path: Path) -> None:
    units = [unit(("zh-Hant", "普丁說。"), ("en", "Poutine said."))]
    named = Settings(glossary=tmp_path / "glossary.csv")
    assert list(terms(Corpus("work", units, tmp_path), named)) == []


def test_no_glossary_is_no_finding() -> None:
    units = [unit(("zh-Hant", "普丁說。"), ("en", "Poutine said."))]
    assert found(units, Settings()) == []


def test_a_glossary_the_settings_name_must_be_there(tmp_path: Path) -> None:
    units = [unit(("zh-Hant", "普丁說。"), ("en", "Poutine said."))]
    with pytest.raises(ToolkitError, match="not there"):
        found(units, Settings(glossary=tmp_path / "missing.csv"))


def test_a_bad_glossary_stops_the_check_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    path.write_text("zh,en\n普丁,Putin\nPutin,普丁\n", encoding="utf-8")
    units = [unit(("zh-Hant", "普丁說。"), ("en", "Poutine said."))]
    with pytest.raises(FormatError) as caught:
        found(units, Settings(glossary=path))
    assert caught.value.where is not None and caught.value.where.line == 3


def test_switched_off_checks_read_no_glossary(tmp_path: Path) -> None:
    units = [unit(("zh-Hant", "普丁說。"), ("en", "Poutine said."))]
    off = Settings(glossary=tmp_path / "missing.csv", disabled=frozenset(IDS))
    assert found(units, off) == []


def test_a_long_work_and_a_large_glossary_are_read_in_one_pass(tmp_path: Path) -> None:
    rows = [f"詞{n:04d}語,term{n:04d}" for n in range(2000)]
    path = tmp_path / "glossary.csv"
    path.write_text("zh,en\n" + "\n".join(rows) + "\n", encoding="utf-8")
    units = [
        unit(
            ("zh-Hant", f"他說詞{n:04d}語很好，大家都同意。"),
            ("en", f"He said term{n:04d} is good."),
        )
        for n in range(2000)
    ]
    units.append(unit(("zh-Hant", "他說詞0007語很好。"), ("en", "He said it is good.")))
    assert found(units, Settings(glossary=path)) == [("term-missing", 2000)]
