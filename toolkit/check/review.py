"""Review: beads a person set whose text has changed since (stale), or whose state was set
by hand without the fingerprint that would tell (docs/alignment.md, "Review")."""

from __future__ import annotations

from toolkit.check.findings import Finding, Place
from toolkit.check.registry import Family, Severity, declare
from toolkit.model import PERSON_STATES, Bead, bead_name, changed_sides
from toolkit.store.work import Work, relative

BEAD_NOT_FINGERPRINTED = declare(
    "bead-not-fingerprinted",
    Family.REVIEW,
    Severity.WARNING,
    "A bead was set reviewed, locked or omitted by hand, without a fingerprint.",
    "s3  t3  0.9  reviewed (four columns)",
)
BEAD_STALE = declare(
    "bead-stale",
    Family.REVIEW,
    Severity.WARNING,
    "The text of a reviewed or locked bead changed after the review.",
    "t3 edited after toolkit mark … reviewed s3",
)


def check_review(work: Work) -> list[Finding]:
    findings: list[Finding] = []
    if work.source is None:
        return findings
    source = work.source.by_id()
    for lang in sorted(work.translations):
        tr = work.translations[lang]
        if tr.alignment is None or tr.document is None:
            continue
        target = tr.document.by_id()
        path = relative(work, work.paths.alignment(lang))
        command = f"toolkit mark {work.id} --lang {lang} --state"
        for bead in tr.alignment.beads:
            if bead.state not in PERSON_STATES:
                continue
            if bead.fingerprint is None:
                findings.append(
                    Finding(
                        check=BEAD_NOT_FINGERPRINTED,
                        message=f"bead {bead_name(bead)} is {bead.state.value}, but was not "
                        "marked with toolkit mark: a later change to its text could not be noticed",
                        work=work.id,
                        lang=lang,
                        at=Place(path, bead.line),
                        source_ids=bead.source,
                        target_ids=bead.target,
                        fix=f"{command} {bead.state.value} {_first(bead)}",
                    )
                )
                continue
            source_changed, target_changed = changed_sides(bead, source, target)
            if source_changed or target_changed:
                sides = " and ".join(
                    side
                    for side, changed in (
                        ("the original", source_changed),
                        ("the translation", target_changed),
                    )
                    if changed
                )
                findings.append(
                    Finding(
                        check=BEAD_STALE,
                        message=f"bead {bead_name(bead)} was {bead.state.value}, but {sides} "
                        "changed since",
                        work=work.id,
                        lang=lang,
                        at=Place(path, bead.line),
                        source_ids=bead.source,
                        target_ids=bead.target,
                        fix="check that the translation still says what the original says, then "
                        f"{command} {bead.state.value} {_first(bead)}",
                    )
                )
    return findings


def _first(bead: Bead) -> str:
    return (bead.source or bead.target)[0]
