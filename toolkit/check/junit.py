"""The report as JUnit XML, the test report CI systems read.

A suite per work and language (or per translation file); a test case per check that
found nothing there, and one per finding: a ``<failure>`` when it is at or above
``--fail-on``, a case that passes with its text in ``<system-out>`` when below, a
skipped case (the reason its message) when a person suppressed it.
So the CI's count of failures is the count of findings that make ``check`` exit 1.
"""

from __future__ import annotations

import re
from collections import defaultdict
from xml.etree import ElementTree as ET

from toolkit.check.findings import Finding, Report
from toolkit.check.registry import CHECKS, Severity


def render_junit(report: Report, fail_on: Severity) -> str:
    suites: dict[str, list[Finding]] = defaultdict(list)
    for cov in report.coverage:
        suites[f"{cov.work} [{cov.lang}]"] = []
    for f in [*report.findings, *report.suppressed]:
        suites[f"{f.work} [{f.lang or 'original'}]"].append(f)
    root = ET.Element("testsuites", name="toolkit check")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for name, findings in sorted(suites.items()):
        suite = _suite(name, findings, fail_on)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _suite(name: str, findings: list[Finding], fail_on: Severity) -> ET.Element:
    suite = ET.Element("testsuite", name=name)
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    found = {f.check.id for f in findings}
    for check in sorted(set(CHECKS) - found):
        ET.SubElement(suite, "testcase", classname=name, name=check)
        counts["tests"] += 1
    for f in findings:
        case = ET.SubElement(
            suite, "testcase", classname=name, name=_xml(f"{f.check.id} at {f.where}")
        )
        counts["tests"] += 1
        if f.suppression is not None:
            ET.SubElement(case, "skipped", message=_xml(f"suppressed: {f.suppression.reason}"))
            counts["skipped"] += 1
        elif f.severity >= fail_on:
            failure = ET.SubElement(case, "failure", message=_xml(f.message), type=f.severity.label)
            failure.text = _xml(f.describe())
            counts["failures"] += 1
        else:
            ET.SubElement(case, "system-out").text = _xml(f.describe())
    for key, value in counts.items():
        suite.set(key, str(value))
    return suite


#: Characters XML 1.0 does not allow, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(text: str) -> str:
    """``text`` with the characters XML cannot carry replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)
