"""Every check on one work, as its check.yaml sets them."""

from __future__ import annotations

from toolkit.check.attribution import check_attribution
from toolkit.check.config import load_check_config
from toolkit.check.coverage import check_coverage, check_ids
from toolkit.check.findings import Report
from toolkit.check.qa import check_translation
from toolkit.check.qa.units import review_units
from toolkit.check.review import check_review
from toolkit.check.safety import check_safety
from toolkit.check.structure import check_structure
from toolkit.check.suppress import apply
from toolkit.store.work import Work


def check_work(work: Work, report: Report | None = None) -> Report:
    """Run every check on one work, as its ``check.yaml`` sets them; add to ``report``."""
    report = report or Report()
    config = load_check_config(work)
    coverage, findings = check_coverage(work)
    report.coverage.extend(coverage)
    findings += check_ids(work)
    findings += check_attribution(work)
    findings += check_structure(work)
    findings += check_review(work)
    findings += check_safety(work)
    findings += check_translation(work, config.settings)
    findings = [f for f in findings if f.check.id not in config.settings.disabled]
    kept, suppressed = apply(findings, config.suppressions, work.id)
    report.findings.extend(kept)
    report.suppressed.extend(suppressed)
    if report.units is not None:
        report.units.extend(review_units(work))
    return report
