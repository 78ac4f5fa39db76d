"""unit-mismatch: a quantity with a unit keeps its amount, in either direction."""

from __future__ import annotations

import pytest

import toolkit.check.qa.quantities  # noqa: F401  (registers the check)
from tests.qa import unit, unit_ids
from toolkit.check.qa.framework import UNIT_CHECKS, Where
from toolkit.check.qa.quantities import quantities
from toolkit.check.qa.settings import DEFAULT

#: (source language, source, target language, target, the IDs reported)
Case = tuple[str, str, str, str, list[str]]
Row = tuple[str, str, list[str]]
MISMATCH = ["unit-mismatch"]


def rows(source_lang: str, target_lang: str, table: list[Row]) -> list[Case]:
    return [(source_lang, source, target_lang, target, found) for source, target, found in table]


# fmt: off
CASES = rows("zh-Hant", "en", [
    ("全長5公里。", "It is 5 km long.", []),
    ("全長5公里。", "It is 6 km long.", MISMATCH),
    ("全長5公里。", "It is 5,000 metres long.", []),  # the same length in another unit
    ("全長5公里。", "It is 5-kilometre long.", []),
    ("全長1.5公里。", "It is 15 km long.", MISMATCH),
    ("重２０公斤。", "It weighs 20 kg.", []),  # full-width digits
    ("第3段全長5公里。", "Section 3 is 6 km long.", MISMATCH),
    ("面積5平方公里。", "It covers 5 square kilometres.", []),
    ("面積5平方公里。", "It covers 5 km².", []),
    ("面積5平方公里。", "It covers 5 km.", []),  # a length is not an area: not compared
    ("一顆3克拉的鑽石", "a 3-carat diamond", []),  # 克拉 is not 克
    ("克里姆林宮離這裡2公里。", "The Kremlin is 2 km away.", []),
    # what cannot be read exactly leaves the kind alone
    ("走了五公里，又走了3公里。", "We walked five kilometres, then 4 km more.", []),
    ("航程達5萬公里。", "The voyage covered 50,000 km.", []),
    ("航程達5萬公里，再加3公里。", "It covered 50,000 km and then 4 km more.", []),
    ("約5多公里。", "About 6 km.", []),
    # a range, or the number said elsewhere: not reported
    ("路程5至10公里。", "The route is 5 to 10 km.", []),
    ("全長5公里，耗時5小時。", "It is 6 km long and took 5 hours.", []),
    # no quantity of that kind in the target: another check's business (an omission)
    ("全長5公里。", "It is quite long.", []),
    ("全長5公里。", "It is about 3 miles long.", []),
]) + rows("zh-Hans", "en", [
    ("全长5公里。", "It is 5 kilometres long.", []),
    ("塔高300米。", "The tower is 300 metres tall.", []),
    ("塔高300米。", "The tower is 330 metres tall.", MISMATCH),
    ("玉米5公斤。", "Five kilograms of maize, 5 kg.", []),
]) + rows("en", "zh-Hant", [
    ("The bag weighs 3 kg.", "袋子重3公斤。", []),
    ("The bag weighs 3 kg.", "袋子重8公斤。", MISMATCH),
    ("The bag weighs 3 kg.", "袋子重3,000公克。", []),
    ("The disk holds 10 GB.", "磁碟可存 10GB。", []),
    ("The disk holds 10 GB.", "磁碟可存 100 GB。", MISMATCH),
    ("It has 4 GiB of memory.", "它有 4 GiB 記憶體。", []),
    ("The plant makes 500 MW.", "電廠發電 500 MW。", []),
    ("The plant makes 500 MW.", "電廠發電 50 MW。", MISMATCH),
    ("Between 5 km and 10 km.", "在5至10公里之間。", []),
    ("Pour 250 ml of water.", "倒入250毫升的水。", []),
    ("Pour 250 ml of water.", "倒入25毫升的水。", MISMATCH),
    # units converted between systems are the translator's choice
    ("a 5-mile walk", "約8公里的步行", []),
    # m is metre or million: not read
    ("It cost $5m and ran 3 km.", "花費500萬美元，長3公里。", []),
    ("It ran 5 million km.", "它跑了6公里。", []),
    ("Per kilometre, 3 km is a lot.", "每公里……4公里很多。", []),
])
# fmt: on


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}>{c[2]} {c[1]}" for c in CASES])
def test_unit_mismatch(case: Case) -> None:
    source_lang, source, target_lang, target, expected = case
    found = unit_ids((source_lang, source), (target_lang, target))
    assert [c for c in found if c == "unit-mismatch"] == expected


def test_quantities_are_read_in_their_base_unit() -> None:
    found, unread = quantities("5,000 metres, 5km, 2.5 kg, 3平方公里 and 十公里")
    assert [(kind, amount) for kind, amount, _ in found] == [
        ("length", 5000.0),
        ("length", 5000.0),
        ("mass", 2500.0),
        ("area", 3e6),
    ]
    assert unread == {"length"}


def test_the_mismatch_names_both_amounts_at_the_target() -> None:
    bead = unit(("zh-Hant", "全長5公里。"), ("en", "It is 6 km long."))
    [problem] = [p for c in UNIT_CHECKS for p in c(bead, DEFAULT) if p.check.id == "unit-mismatch"]
    assert problem.where is Where.TARGET
    assert "5公里" in problem.message and "6 km" in problem.message
    assert problem.offset == len("It is ")  # at the translation's amount


def test_the_mismatch_is_at_the_translations_first_amount_of_that_kind() -> None:
    bead = unit(("en", "It weighs 3 kg and is 5 km long."), ("zh-Hant", "重３公斤，長６公里。"))
    [problem] = [p for c in UNIT_CHECKS for p in c(bead, DEFAULT) if p.check.id == "unit-mismatch"]
    assert problem.offset == len("重３公斤，長")
