"""The review report of ``toolkit check --html``: the two texts side by side, bead by bead,
each finding highlighted where it is, filters by check and severity, and the coverage.

One self-contained page: the style sheet and script are inline (``review_assets``) and a
Content-Security-Policy allows only those two, by hash; nothing is fetched, so the file
works offline. Every text reaches the page escaped: the texts are untrusted.

A finding belongs to a bead of its work and language (a finding of the original, whose
``lang`` is None, to every bead with its segment) that shares one of its segment IDs; a
translation file's entry is matched by the finding's line. Where the finding's place
falls inside a segment, the character there is marked, or the characters up to its end
when it has one (and, of a paragraph's beads, only the bead holding them shows the
finding); otherwise its whole segments are.
Findings of no bead (the work's metadata, its coverage, a whole file) are listed apart.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from toolkit.check.findings import Finding, Place, Report
from toolkit.check.qa.units import Side, Text, Unit
from toolkit.check.registry import Severity
from toolkit.check.review_assets import CSS, SCRIPT, coverage_section, csp, esc, filters, plural
from toolkit.exchange.entry import CODE
from toolkit.segment.chars import NOTE, OBJECT

__all__ = ["Entry", "Spot", "place_findings", "render_review"]

SOURCE, TARGET = "source", "target"


@dataclass(frozen=True)
class Entry:
    """A finding as the page shows it: its key (``f1``…), its number, suppressed or not."""

    key: str
    number: int
    finding: Finding
    suppressed: bool


@dataclass(frozen=True)
class Spot:
    """Where a bead shows a finding: a side, its segment, the character (None: all of it)
    and, for a finding about several characters, the one after them."""

    side: str
    segment: int
    char: int | None = None
    end: int | None = None


@dataclass
class Placed:
    """Each bead's findings (by the unit's index) with their spots; the rest, by work."""

    beads: dict[int, list[tuple[Entry, list[Spot]]]]
    unplaced: dict[str, list[Entry]]


def entries(report: Report) -> list[Entry]:
    found = [(f, False) for f in report.findings] + [(f, True) for f in report.suppressed]
    return [Entry(f"f{n}", n, f, s) for n, (f, s) in enumerate(found, 1)]


def place_findings(report: Report) -> Placed:
    """Which bead shows each finding of ``report``, and where in its text."""
    units = report.units or []
    # The beads of each segment ID and of each line, so a finding looks at its own only.
    by_id: dict[tuple[str, str, str], list[int]] = {}
    by_line: dict[tuple[str, int], list[int]] = {}
    for i, unit in enumerate(units):
        for name, side in _sides(unit):
            for text in side.segments:
                if text.id is not None:
                    by_id.setdefault((unit.work, name, text.id), []).append(i)
                by_line.setdefault((text.place.path, text.place.line), []).append(i)
    placed = Placed({}, {})
    for entry in entries(report):
        f = entry.finding
        ids = {SOURCE: f.source_ids, TARGET: f.target_ids}
        named = {
            i for n, some in ids.items() for id in some for i in by_id.get((f.work, n, id), ())
        }
        near = by_line.get((f.at.path, f.at.line), []) if f.at and f.at.line else []
        shown = _beads_of(f, units, sorted(named), sorted(set(near)))
        for index, spots in shown:
            placed.beads.setdefault(index, []).append((entry, spots))
        if not shown:
            placed.unplaced.setdefault(f.work, []).append(entry)
    return placed


def _beads_of(
    finding: Finding, units: list[Unit], named: list[int], near: list[int]
) -> list[tuple[int, list[Spot]]]:
    """The beads of ``finding`` among those sharing one of its IDs (``named``) or else its
    line (``near``), with its spots in each."""

    def fit(some: list[int]) -> list[int]:
        work, lang = finding.work, finding.lang
        return [i for i in some if units[i].work == work and lang in (None, units[i].lang)]

    by_ids = fit(named)
    fits = by_ids or fit(near)
    spots = {i: _spots(finding, units[i]) for i in fits}
    exact = [i for i in fits if any(s.char is not None for s in spots[i])]
    chosen = exact or [i for i in fits if spots[i]] or by_ids
    ids = {SOURCE: set(finding.source_ids), TARGET: set(finding.target_ids)}
    return [(i, spots[i] or _whole(units[i], ids)) for i in chosen]


def _sides(unit: Unit) -> list[tuple[str, Side]]:
    return [(n, s) for n, s in ((SOURCE, unit.source), (TARGET, unit.target)) if s is not None]


def _spots(finding: Finding, unit: Unit) -> list[Spot]:
    """The segments (and characters) of ``unit`` at the finding's place."""
    at = finding.at
    if at is None or not at.line:
        return []
    found = [
        Spot(name, k, char, _end_at(text, finding.end, char))
        for name, side in _sides(unit)
        for k, text in enumerate(side.segments)
        if (char := _char_at(text, at)) is not False
    ]
    if any(s.char is not None for s in found):
        found = [s for s in found if s.char is not None]
    if len({s.side for s in found}) > 1:  # a translation file: both sides on one line
        found = [s for s in found if s.side == (SOURCE if finding.lang is None else TARGET)]
    return found


def _char_at(text: Text, at: Place) -> int | bool | None:
    """The plain character of ``text`` at ``at`` (None: the segment, column unknown;
    False: not in this segment)."""
    where = text.place
    if (where.path, where.line) != (at.path, at.line):
        return False
    if not (where.column and at.column):
        return None
    offset = at.column - where.column
    if not 0 <= offset <= len(text.markup):
        return False
    if not text.plain:
        return None
    # The character written there; in markup the reader does not see (a link's address),
    # the last one seen before it.
    k = bisect_right(text.offsets, offset) - 1
    if k >= 0 and text.offsets[k] == offset:
        return k
    while k > 0 and text.plain[k].isspace():
        k -= 1
    return max(k, 0)


def _end_at(text: Text, end: Place | None, char: int | bool | None) -> int | None:
    """The plain character after a finding's span that starts at ``char`` of ``text``
    (None: the finding is one character, or its end is not in this segment)."""
    where = text.place
    if end is None or not isinstance(char, int) or isinstance(char, bool) or not where.column:
        return None
    if (where.path, where.line) != (end.path, end.line):
        return None
    after = bisect_left(text.offsets, end.column - where.column)
    return after if char < after <= len(text.plain) else None


def _whole(unit: Unit, ids: dict[str, set[str]]) -> list[Spot]:
    return [
        Spot(name, k)
        for name, side in _sides(unit)
        for k, text in enumerate(side.segments)
        if text.id is not None and text.id in ids[name]
    ]


# --- The page ---------------------------------------------------------------------------


def render_review(report: Report) -> str:
    """The review page of ``report`` (its ``units`` give the texts: ``Report(units=[])``)."""
    placed = place_findings(report)
    all_entries = entries(report)
    units = report.units or []
    works = list(
        dict.fromkeys(
            [u.work for u in units]
            + [c.work for c in report.coverage]
            + [e.finding.work for e in all_entries]
        )
    )
    title = f"Translation review: {works[0]}" if len(works) == 1 else "Translation review"
    body = [
        '<a class="skip" href="#content">Skip to the report</a>',
        _header(title, report, len(works)),
        '<div class="layout">',
        filters([(e.finding, e.suppressed) for e in all_entries], works),
        '<main id="content" tabindex="-1">',
        coverage_section(report.coverage),
        *(_work(n, work, units, placed) for n, work in enumerate(works, 1)),
        "</main></div>",
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{csp()}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="referrer" content="no-referrer">',
            f"<title>{esc(title)}</title>",
            f"<style>{CSS}</style>",
            f"<script>{SCRIPT}</script>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


def _header(title: str, report: Report, works: int) -> str:
    counts = ", ".join(
        plural(report.count(s), s.label, "" if s is Severity.INFO else "s")
        for s in reversed(Severity)
    )
    total = plural(len(report.findings), "finding")
    return (
        f'<header class="top"><h1>{esc(title)}</h1><p class="totals"><strong>{total}</strong>'
        f" ({counts}) · {len(report.suppressed)} suppressed · {plural(works, 'work')} · "
        f"{plural(len(report.units or []), 'bead')}</p></header>"
    )


def _work(n: int, work: str, units: list[Unit], placed: Placed) -> str:
    out = [f'<section class="work" id="w{n}" aria-labelledby="w{n}-h">']
    out.append(f'<h2 id="w{n}-h">{esc(work)}</h2>')
    loose = placed.unplaced.get(work, [])
    if loose:
        out.append(f'<section class="unplaced" data-unplaced aria-labelledby="w{n}-u">')
        out.append(f'<h3 id="w{n}-u">About the work as a whole</h3>')
        out.append(_findings(loose, f"w{n}"))
        out.append("</section>")
    groups: dict[str, list[int]] = {}
    for i, u in enumerate(units):
        if u.work == work:
            groups.setdefault(u.lang, []).append(i)
    for g, (lang, indexes) in enumerate(groups.items(), 1):
        source = next((s.lang for i in indexes if (s := units[i].source) is not None), "—")
        out.append(f'<section class="group" data-group aria-labelledby="w{n}-g{g}">')
        out.append(f'<h3 id="w{n}-g{g}">{esc(source)} → {esc(lang)}</h3>')
        out.append(
            f'<div class="columns" aria-hidden="true"><span>Original · {esc(source)}</span>'
            f"<span>Translation · {esc(lang)}</span></div>"
        )
        out += (_bead(k, i, units[i], placed.beads.get(i, [])) for k, i in enumerate(indexes, 1))
        out.append(
            '<p class="nothing" data-nothing hidden>No bead has a finding these filters '
            "show; tick “All beads” to read every bead.</p></section>"
        )
    if not groups and not loose:
        out.append('<p class="nothing">No texts to show.</p>')
    return "\n".join([*out, "</section>"])


def _bead(k: int, index: int, unit: Unit, shown: list[tuple[Entry, list[Spot]]]) -> str:
    bead = f"b{index + 1}"
    head = [f'<span class="n">Bead {k}</span>']
    names = [" ".join(s.ids) for _, s in _sides(unit) if s.ids]
    if names:
        head.append(f"<span>{esc(' → '.join(names))}</span>")
    first = next((s.segments[0].place for _, s in _sides(unit) if s.segments), None)
    if first is not None and first.line:
        head.append(f"<span>{esc(first.path)}:{first.line}</span>")
    if unit.score is not None:
        head.append(f"<span>score {unit.score:.2f}</span>")
    if unit.state is not None:
        head.append(f"<span>{esc(unit.state.value)}</span>")
    count = plural(len(shown), "finding") if shown else ""
    head.append(f'<span class="bead-count" data-bead-count>{count}</span>')
    sides = [
        _side(name, side, bead, [(e, s) for e, spots in shown for s in spots if s.side == name])
        for name, side in ((SOURCE, unit.source), (TARGET, unit.target))
    ]
    items = _findings([e for e, _ in shown], bead) if shown else ""
    return (
        f'<article class="bead" id="{bead}" data-bead aria-labelledby="{bead}-h">'
        f'<h4 class="bead-head" id="{bead}-h">{" ".join(head)}</h4>'
        f'<div class="pair">{"".join(sides)}</div>{items}</article>'
    )


def _side(name: str, side: Side | None, bead: str, spots: list[tuple[Entry, Spot]]) -> str:
    if side is None:
        missing = "No original in this bead" if name == SOURCE else "Not translated"
        return f'<div class="side {name}"><p class="none">{missing}</p></div>'
    segments = []
    for k, text in enumerate(side.segments):
        mine = [(e, s) for e, s in spots if s.segment == k]
        label = f'<span class="seg-id">{esc(text.id)}</span>' if text.id else ""
        segments.append(f'<p class="seg">{label}{_segment(text, mine, bead)}</p>')
    if not segments:
        segments.append('<p class="none" lang="en">No text</p>')
    return f'<div class="side {name}" lang="{esc(side.lang)}">{"".join(segments)}</div>'


#: A finding's characters in a segment: its entry, start, end, and whether its reference
#: follows (a span cut where another ends has it only after its last piece).
Span = tuple[Entry, int, int, bool]


def _segment(text: Text, spots: list[tuple[Entry, Spot]], bead: str) -> str:
    """The segment's plain text, each finding's characters marked (its whole text when the
    finding has no character), a reference after each mark."""
    whole = [e for e, s in spots if s.char is None]
    spans = [(e, s.char, s.end or s.char + 1, True) for e, s in spots if s.char is not None]
    inner = _nested(text, spans, 0, len(text.plain), bead)
    inner = inner or '<span class="none" lang="en">(empty)</span>'
    return _refs(whole, bead, _wrap(whole, inner, whole=True)) if whole else inner


def _nested(text: Text, spans: list[Span], start: int, end: int, bead: str) -> str:
    """``text.plain[start:end]`` with each span marked: a span inside another is marked
    inside its mark; one that runs past another's end is cut there, its second piece
    marked after it."""
    out, at = [], start
    todo = sorted(spans, key=_outer_first)
    while todo:
        (entry, a, b, last), *others = todo
        inside: list[Span] = []
        after: list[Span] = []
        for other in others:
            if other[1] >= b:
                after.append(other)
            elif other[2] <= b:
                inside.append(other)
            else:
                inside.append((other[0], other[1], b, False))
                after.append((other[0], b, other[2], other[3]))
        out.append(_plain(text, at, a))
        body = _wrap([entry], _nested(text, inside, a, b, bead))
        out.append(_refs([entry], bead, body) if last else body)
        todo, at = sorted(after, key=_outer_first), b
    out.append(_plain(text, at, end))
    return "".join(out)


def _outer_first(span: Span) -> tuple[int, int, int]:
    """Spans by start, the longest first (it holds the others); of equal spans, the later
    finding outside, so that the numbers after them read in order."""
    return span[1], -span[2], -span[0].number


def _plain(text: Text, start: int, end: int) -> str:
    return "".join(_char(text, k, text.plain[k]) for k in range(start, end))


def _char(text: Text, k: int, ch: str) -> str:
    """A character as the reader sees it; a code span or note reference as its markup."""
    if ch not in (OBJECT, NOTE, CODE):
        return esc(ch)
    end = text.offsets[k + 1] if k + 1 < len(text.offsets) else len(text.markup)
    source = text.markup[text.offsets[k] : end].strip() or "…"
    return f'<code class="obj">{esc(source)}</code>' if ch != NOTE else f"<sup>{esc(source)}</sup>"


def _wrap(found: Iterable[Entry], inner: str, whole: bool = False) -> str:
    """``inner`` in a mark for each finding."""
    for entry in found:
        f = entry.finding
        title = f"{f.severity.label}: {f.message} [{f.check.id}]"
        inner = (
            f'<mark class="sev-{f.severity.label}{" whole" if whole else ""}" '
            f'data-finding="{entry.key}" data-severity="{f.severity.label}" '
            f'data-check="{esc(f.check.id)}" title="{esc(title)}">{inner}</mark>'
        )
    return inner


def _refs(found: Iterable[Entry], bead: str, before: str = "") -> str:
    """``before``, then a numbered link to each finding's entry in the bead's list."""
    return before + "".join(
        f'<a class="ref" href="#{entry.key}-{bead}" data-finding="{entry.key}" '
        f'aria-label="finding {entry.number}">{entry.number}</a>'
        for entry in found
    )


def _findings(found: list[Entry], scope: str) -> str:
    return '<ol class="findings">' + "".join(_finding(e, scope) for e in found) + "</ol>"


def _finding(entry: Entry, scope: str) -> str:
    f = entry.finding
    sev = f.severity.label
    lines = [
        f'<code class="check" title="{esc(f.check.summary)}">{esc(f.check.id)}</code> '
        f'<span class="msg">{esc(f.message)}</span> <span class="where">{esc(f.where)}</span>'
    ]
    if f.fix:
        lines.append(f'<p class="fix"><span class="label">Fix</span>{esc(f.fix)}</p>')
    if f.suppression is not None:
        why = f.suppression
        lines.append(
            f'<p class="why"><span class="label">Suppressed</span>{esc(why.reason)} '
            f'<span class="where">({esc(str(why.place))})</span></p>'
        )
    return (
        f'<li class="finding{" suppressed" if entry.suppressed else ""}" '
        f'id="{entry.key}-{scope}" data-finding="{entry.key}" data-check="{esc(f.check.id)}" '
        f'data-severity="{sev}" data-suppressed="{"true" if entry.suppressed else "false"}">'
        f'<span class="num">{entry.number}</span><span class="badge sev-{sev}">'
        f'{sev.capitalize()}</span><div class="body">{"".join(lines)}</div></li>'
    )
