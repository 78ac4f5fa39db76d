"""The review report's fixed parts (``review_html`` renders the texts): its style sheet,
its script, the filter form the script reads, and the coverage chart.

The style sheet and script are constants, inlined into the page: its Content-Security-Policy
allows exactly these two by hash, so nothing else (no attribute handler, no injected
``<script>``) can run. The script only reads the data attributes the renderer wrote and
shows or hides what the filters select; it never builds markup from text.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Sequence
from html import escape

from toolkit.check.findings import Coverage, Finding
from toolkit.check.registry import Severity

#: What each source segment of a work became, in the order of the chart's bars.
WORK_PARTS = ("aligned", "empty", "untranslated", "omitted", "missing")

#: The system fonts Chinese text is set in (nothing is fetched: the page is offline).
CJK_FONTS = (
    '"Noto Sans CJK TC", "Noto Serif CJK TC", "PingFang TC", "Microsoft JhengHei", sans-serif'
)

CSS = (
    """
:root {
  --ink: #1c2330; --muted: #4a5466; --paper: #fff; --panel: #f5f6f8; --line: #d4d8e0;
  --accent: #1d4f91;
  --error: #a8201a; --error-bg: #fde2df;
  --warning: #8a4a00; --warning-bg: #ffeebb;
  --info: #1657b8; --info-bg: #dce9fc;
  --aligned: #2f7d4f; --empty: #9a6c00; --untranslated: #c2410c; --omitted: #6b7280;
  --missing: #b91c1c; --fuzzy: #b7791f;
  --latin: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --reading: "Iowan Old Style", "Charter", Georgia, "Times New Roman", serif;
  --cjk: """
    + CJK_FONTS
    + """;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { color: var(--ink); background: var(--paper); }
body { margin: 0; font: 15px/1.5 var(--latin); }
:lang(zh), :lang(ja) { font-family: var(--cjk); }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
code { font: 0.9em ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--paper); padding: 0.5rem; z-index: 9; }
.top { padding: 1rem 2rem; border-bottom: 1px solid var(--line); background: var(--panel); }
.top h1 { margin: 0 0 0.25rem; font-size: 1.4rem; }
.totals { margin: 0; color: var(--muted); }
.totals strong { color: var(--ink); }
.layout { display: grid; grid-template-columns: 17rem minmax(0, 1fr); gap: 2rem;
  padding: 1.25rem 2rem 3rem; }
.filters { position: sticky; top: 1rem; align-self: start; max-height: calc(100vh - 2rem);
  overflow: auto; padding-right: 0.25rem; }
.filters h2 { font-size: 1rem; margin: 0 0 0.5rem; }
html:not(.js) #filters { display: none; }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 0.75rem;
  padding: 0.5rem 0.75rem 0.6rem; }
legend { font-weight: 600; padding: 0 0.25rem; }
.option { display: flex; gap: 0.45rem; align-items: baseline; padding: 0.15rem 0;
  cursor: pointer; }
.option input { margin: 0; flex: none; width: 1rem; height: 1rem; }
.option .name { flex: 1; min-width: 0; overflow-wrap: anywhere; }
.option .about { display: block; color: var(--muted); font-size: 0.8rem; }
.count { font-variant-numeric: tabular-nums; color: var(--muted); font-size: 0.85rem; }
.bulk { display: flex; gap: 0.4rem; margin: 0 0 0.35rem; }
button { font: inherit; font-size: 0.85rem; padding: 0.1rem 0.6rem; border-radius: 4px;
  border: 1px solid var(--line); background: var(--paper); color: var(--ink); cursor: pointer; }
button:hover { background: var(--panel); }
.status { font-size: 0.9rem; margin: 0.5rem 0; }
.toc { margin: 0.75rem 0 0; padding-left: 1.1rem; font-size: 0.9rem; }
main h2 { font-size: 1.25rem; margin: 0 0 0.75rem; }
main > section { margin-bottom: 2.5rem; }
.work > h2 { border-bottom: 2px solid var(--ink); padding-bottom: 0.25rem; }
.group h3 { font-size: 1.05rem; margin: 1.5rem 0 0.5rem; }
.columns { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.5rem;
  font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted);
  border-bottom: 1px solid var(--line); padding: 0 0.9rem 0.25rem; }
.bead { border: 1px solid var(--line); border-radius: 8px; margin: 0.6rem 0;
  padding: 0.6rem 0.9rem 0.7rem; background: var(--paper); }
.bead:target, .finding:target { box-shadow: 0 0 0 3px var(--accent); }
.bead-head { display: flex; flex-wrap: wrap; gap: 0.3rem 0.9rem; align-items: baseline;
  margin: 0 0 0.4rem; font-size: 0.8rem; font-weight: normal; color: var(--muted); }
.bead-head .n { font-weight: 700; color: var(--ink); }
.bead-count { margin-left: auto; }
.pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.5rem; }
.side { font-family: var(--reading); font-size: 1.05rem; line-height: 1.7; }
.side:lang(zh), .side:lang(ja) { font-family: var(--cjk); }
.seg { margin: 0 0 0.3rem; overflow-wrap: anywhere; }
.seg-id { font: 0.7rem var(--latin); color: var(--muted); margin-right: 0.35rem;
  vertical-align: 0.15em; }
.none { color: var(--muted); font: italic 0.9rem var(--latin); margin: 0; }
.side code, .side .obj { background: var(--panel); border-radius: 3px; padding: 0 0.15em; }
mark { color: inherit; border-radius: 2px; padding: 0 1px; }
mark.sev-error { background: var(--error-bg); border-bottom: 2px solid var(--error); }
mark.sev-warning { background: var(--warning-bg); border-bottom: 2px dashed var(--warning); }
mark.sev-info { background: var(--info-bg); border-bottom: 2px dotted var(--info); }
mark.whole { padding: 0.05em 0.1em; }
mark.off { background: none; border-bottom: 0; padding: 0; }
.ref { font: 700 0.65rem var(--latin); vertical-align: super; text-decoration: none;
  margin-left: 1px; padding: 0 0.2em; border-radius: 3px; color: var(--paper);
  background: var(--accent); }
.findings { list-style: none; margin: 0.6rem 0 0; padding: 0.5rem 0 0;
  border-top: 1px dashed var(--line); }
.finding { display: grid; grid-template-columns: 2rem 5.2rem minmax(0, 1fr); gap: 0 0.6rem;
  padding: 0.2rem 0; font-size: 0.9rem; }
.finding > .num { font-weight: 700; color: var(--accent); text-align: right; }
.finding > .badge { justify-self: start; }
.finding > .body { min-width: 0; }
.finding .check { font-weight: 600; }
.finding .where { color: var(--muted); font-size: 0.8rem; overflow-wrap: anywhere; }
.finding p { margin: 0.1rem 0 0; }
.label { font-weight: 600; font-size: 0.8rem; text-transform: uppercase; color: var(--muted);
  margin-right: 0.3rem; }
.finding.suppressed { color: var(--muted); }
.badge { display: inline-block; font-size: 0.75rem; font-weight: 700; border-radius: 999px;
  padding: 0 0.5rem; text-align: center; height: fit-content; }
.badge.sev-error { color: var(--error); background: var(--error-bg); }
.badge.sev-warning { color: var(--warning); background: var(--warning-bg); }
.badge.sev-info { color: var(--info); background: var(--info-bg); }
.unplaced { border-left: 4px solid var(--accent); background: var(--panel);
  padding: 0.5rem 1rem; border-radius: 0 8px 8px 0; }
.unplaced h3 { margin: 0 0 0.25rem; font-size: 1rem; }
.unplaced .findings { border-top: 0; margin: 0; padding: 0; }
.nothing { color: var(--muted); font-style: italic; }
.coverage { display: grid; gap: 1rem; }
.cov { border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem 1rem; margin: 0; }
.cov figcaption { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; align-items: baseline;
  margin-bottom: 0.4rem; }
.cov .ratio { font-size: 1.3rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.cov svg { display: block; width: 100%; height: 1.25rem; border-radius: 4px;
  background: var(--panel); }
.cov dl { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; margin: 0.5rem 0 0;
  font-size: 0.9rem; }
.cov dl div { display: flex; gap: 0.35rem; align-items: center; }
.cov dt { color: var(--muted); display: flex; gap: 0.35rem; align-items: center; }
.cov dd { margin: 0; font-weight: 700; font-variant-numeric: tabular-nums; }
.cov .note { margin: 0.4rem 0 0; font-size: 0.85rem; color: var(--muted); }
.swatch { display: inline-block; width: 0.8rem; height: 0.8rem; border-radius: 2px; }
.k-aligned { fill: var(--aligned); background: var(--aligned); }
.k-empty { fill: var(--empty); background: var(--empty); }
.k-untranslated { fill: var(--untranslated); background: var(--untranslated); }
.k-omitted { fill: var(--omitted); background: var(--omitted); }
.k-missing { fill: var(--missing); background: var(--missing); }
.k-fuzzy { fill: var(--fuzzy); background: var(--fuzzy); }
@media (max-width: 62rem) {
  .layout { grid-template-columns: 1fr; padding: 1rem; }
  .filters { position: static; max-height: none; }
}
@media (max-width: 40rem) {
  .pair, .columns { grid-template-columns: 1fr; gap: 0.5rem; }
  .columns span + span { display: none; }
}
@media print {
  .filters, .skip, .ref { display: none !important; }
  .layout { display: block; padding: 0; }
  .bead { break-inside: avoid; }
}
"""
)

#: Shows what the filters select: a finding is visible when its severity and its check are
#: ticked (and, if suppressed, "suppressed findings" too); a bead when one of its
#: findings is visible, or "all beads" is ticked. Counts follow.
SCRIPT = """
(function () {
  "use strict";
  // A long work has thousands of beads: those off screen are laid out only when they come
  // near (2 to 3 times faster to open and to filter). The rule is added here, before the
  // body is read (this script is in the head), not written in the style sheet, because
  // the Nu HTML Checker the tests use (20.6.30) predates these properties and calls them
  // errors; the page's policy lets its own script add a rule.
  var sheet = document.querySelector("style").sheet;
  if (sheet) {
    sheet.insertRule(
      ".bead { content-visibility: auto; contain-intrinsic-size: auto 7rem; }",
      sheet.cssRules.length
    );
  }
  document.documentElement.classList.add("js");  // the filters work: show them
  var start = function () {
    var form = document.getElementById("filters");
    if (!form) { return; }
    var all = function (root, selector) {
      return Array.prototype.slice.call(root.querySelectorAll(selector));
    };
    var items = all(document, "li.finding[data-finding]");
    var marks = all(document, "mark[data-finding]");
    var refs = all(document, "a.ref[data-finding]");
    var beads = all(document, "[data-bead]").map(function (bead) {
      return {
        element: bead,
        keys: all(bead, "li.finding").map(function (li) { return li.dataset.finding; }),
        list: bead.querySelector("ol.findings"),
        count: bead.querySelector("[data-bead-count]")
      };
    });
    var groups = all(document, "[data-group]");
    var unplaced = all(document, "[data-unplaced]");
    var status = document.getElementById("filter-status");
    var findings = {};
    items.forEach(function (li) {
      findings[li.dataset.finding] = {
        check: li.dataset.check,
        severity: li.dataset.severity,
        suppressed: li.dataset.suppressed === "true"
      };
    });
    var ticked = function (name) {
      var on = {};
      all(form, "input[name='" + name + "']").forEach(function (box) {
        if (box.checked) { on[box.value] = true; }
      });
      return on;
    };
    var plural = function (n, word) { return n + " " + word + (n === 1 ? "" : "s"); };
    // Change the page only where the state changes: a long work has thousands of beads.
    var hide = function (element, hidden) {
      if (element && element.hidden !== hidden) { element.hidden = hidden; }
    };
    var setText = function (element, text) {
      if (element && element.textContent !== text) { element.textContent = text; }
    };
    var update = function () {
      var severities = ticked("severity");
      var checks = ticked("check");
      var showSuppressed = form.elements.namedItem("suppressed").checked;
      var showAll = form.elements.namedItem("all-beads").checked;
      var visible = {};
      var bySeverity = {};
      var byCheck = {};
      var shown = 0;
      var total = 0;
      Object.keys(findings).forEach(function (key) {
        var f = findings[key];
        if (f.suppressed && !showSuppressed) { return; }
        total += 1;
        if (checks[f.check]) { bySeverity[f.severity] = (bySeverity[f.severity] || 0) + 1; }
        if (severities[f.severity]) { byCheck[f.check] = (byCheck[f.check] || 0) + 1; }
        if (checks[f.check] && severities[f.severity]) { visible[key] = true; shown += 1; }
      });
      items.forEach(function (li) { hide(li, !visible[li.dataset.finding]); });
      refs.forEach(function (a) { hide(a, !visible[a.dataset.finding]); });
      marks.forEach(function (m) {
        var off = !visible[m.dataset.finding];
        if (m.classList.contains("off") !== off) { m.classList.toggle("off", off); }
      });
      var beadsShown = 0;
      beads.forEach(function (bead) {
        var n = bead.keys.filter(function (key) { return visible[key]; }).length;
        hide(bead.element, !(showAll || n > 0));
        if (showAll || n > 0) { beadsShown += 1; }
        hide(bead.list, n === 0);
        setText(bead.count, n ? plural(n, "finding") : "");
      });
      unplaced.forEach(function (box) {
        hide(box, box.querySelector("li.finding:not([hidden])") === null);
      });
      groups.forEach(function (group) {
        var empty = group.querySelector("[data-nothing]");
        hide(empty, group.querySelector("[data-bead]:not([hidden])") !== null);
      });
      all(form, "[data-count-severity]").forEach(function (c) {
        setText(c, String(bySeverity[c.dataset.countSeverity] || 0));
      });
      all(form, "[data-count-check]").forEach(function (c) {
        setText(c, String(byCheck[c.dataset.countCheck] || 0));
      });
      status.textContent = "Showing " + shown + " of " + plural(total, "finding") + " in " +
        beadsShown + " of " + plural(beads.length, "bead") + ".";
    };
    all(form, "button[data-bulk]").forEach(function (button) {
      button.addEventListener("click", function () {
        var on = button.dataset.bulk === "all";
        all(form, "input[name='check']").forEach(function (box) { box.checked = on; });
        update();
      });
    });
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    update();
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
"""


def csp() -> str:
    """The page's policy: nothing but its own style sheet and script, by hash."""
    return (
        f"default-src 'none'; style-src '{_sha256(CSS)}'; script-src '{_sha256(SCRIPT)}'; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def esc(text: str) -> str:
    return escape(text, quote=True)


def plural(n: int, word: str, suffix: str = "s") -> str:
    return f"{n} {word}{'' if n == 1 else suffix}"


def filters(found: Sequence[tuple[Finding, bool]], works: Sequence[str]) -> str:
    """The filter form (the script reads it): each severity, each check found, whether to
    show suppressed findings and beads without findings; the contents."""
    severities = Counter(f.severity for f, suppressed in found if not suppressed)
    checks = {f.check.id: f.check for f, _ in found}
    per_check = Counter(f.check.id for f, suppressed in found if not suppressed)
    out = [
        '<aside class="filters" aria-labelledby="filters-h"><h2 id="filters-h">Filters</h2>',
        '<form id="filters"><fieldset><legend>Severity</legend>',
    ]
    for s in reversed(Severity):
        out.append(
            _option(
                "severity",
                s.label,
                f'<span class="badge sev-{s.label}">{s.label.capitalize()}</span>',
                f'<span class="count" data-count-severity="{s.label}">{severities[s]}</span>',
            )
        )
    out.append('</fieldset><fieldset><legend>Checks</legend><div class="bulk">')
    out.append('<button type="button" data-bulk="all">All</button>')
    out.append('<button type="button" data-bulk="none">None</button></div>')
    for cid in sorted(checks):
        check = checks[cid]
        name = f'<code>{esc(cid)}</code><span class="about">{esc(check.summary)}</span>'
        count = f'<span class="count" data-count-check="{esc(cid)}">{per_check[cid]}</span>'
        out.append(_option("check", cid, name, count))
    if not checks:
        out.append('<p class="nothing">No findings.</p>')
    suppressed = sum(s for _, s in found)
    out += [
        "</fieldset><fieldset><legend>Show</legend>",
        _option("suppressed", "on", f"Suppressed findings ({suppressed})", "", on=False),
        _option("all-beads", "on", "All beads, also those without findings", "", on=False),
        "</fieldset></form>",
        '<p class="status" id="filter-status" role="status" aria-live="polite"></p>',
        "<noscript><p>Filters need JavaScript: every finding is shown.</p></noscript>",
        '<nav aria-label="Contents"><ol class="toc"><li><a href="#coverage">Coverage</a></li>',
        *(f'<li><a href="#w{n}">{esc(w)}</a></li>' for n, w in enumerate(works, 1)),
        "</ol></nav></aside>",
    ]
    return "\n".join(out)


def _option(name: str, value: str, label: str, count: str, on: bool = True) -> str:
    checked = " checked" if on else ""
    return (
        f'<label class="option"><input type="checkbox" name="{name}" value="{esc(value)}"'
        f'{checked}><span class="name">{label}</span>{count}</label>'
    )


def coverage_section(coverage: Sequence[Coverage]) -> str:
    """Per work and language, the coverage: its numbers and a bar of what each became."""
    out = ['<section id="coverage" aria-labelledby="coverage-h">']
    out.append('<h2 id="coverage-h">Coverage</h2><div class="coverage">')
    out += (_coverage_row(n, c) for n, c in enumerate(coverage, 1))
    if not coverage:
        out.append('<p class="nothing">No coverage was measured.</p>')
    return "\n".join([*out, "</div></section>"])


def coverage_parts(c: Coverage) -> list[tuple[str, int]]:
    """The chart's bars: what each source segment (or file entry) became, and how many."""
    if c.of_file:
        return [("translated", c.aligned), ("fuzzy", c.fuzzy), ("untranslated", c.untranslated)]
    return [(name, getattr(c, name)) for name in WORK_PARTS]


def _coverage_row(n: int, c: Coverage) -> str:
    parts = coverage_parts(c)
    total = max(c.source_segments, sum(k for _, k in parts), 1)
    unit = "entries" if c.of_file else "source segments"
    percent = f"{100 * c.ratio:.1f}".removesuffix(".0")
    label = f"{c.work}, {c.lang}: {percent}% {'translated' if c.of_file else 'aligned'}"
    details = ", ".join(f"{k} {name}" for name, k in parts)
    bars, x = [], 0.0
    for name, k in parts:
        if k:
            width = 1000 * k / total
            bars.append(
                f'<rect class="k-{name}" x="{x:.2f}" y="0" width="{width:.2f}" height="20">'
                f"<title>{k} {name}</title></rect>"
            )
            x += width
    terms = "".join(
        f'<div><dt><span class="swatch k-{name}" aria-hidden="true"></span>'
        f"{name.capitalize()}</dt><dd>{k}</dd></div>"
        for name, k in parts
    )
    notes = []
    if not c.source_present:
        notes.append("The original is not in the repository.")
    if c.unaligned_translation:
        notes.append(f"{plural(c.unaligned_translation, 'translation segment')} in no bead.")
    return (
        f'<figure class="cov" data-work="{esc(c.work)}" data-lang="{esc(c.lang)}">'
        f"<figcaption><strong>{esc(c.work)}</strong> <span>{esc(c.lang)}</span> "
        f'<span class="ratio">{percent}%</span> '
        f"<span>of {c.source_segments} {unit}</span></figcaption>"
        f'<svg viewBox="0 0 1000 20" preserveAspectRatio="none" role="img" '
        f'aria-labelledby="cov{n}-t"><title id="cov{n}-t">{esc(label)} ({details})</title>'
        f"{''.join(bars)}</svg><dl>{terms}</dl>"
        + "".join(f'<p class="note">{esc(t)}</p>' for t in notes)
        + "</figure>"
    )
