import { formatClock } from '../../core/monitors.js';
import type { Report } from '../report.js';
import { CASE_STATUS_WORDS, casesFailuresFirst, expectedLine, metTarget, drillsLine, missHeadline, runTitle, seedsText, statusWord, timeFigure, verdictLine } from '../sweep/figures.js';
import { caseKey, isSweep, replayCommand, type CaseInfo } from '../sweep/header.js';
import type { SweepParts } from '../sweep/reader.js';
import type { DrillRecord } from '../sweep/record.js';
import { failsRun, type CaseStatus, type CaseSummary } from '../sweep/summary.js';
import { skippedByLack } from '../sweep/summary-text.js';
import { escapeAttr, escapeXml } from '../xml.js';
import { drillDetail } from './drill-detail.js';
import { recoveryHistogram } from './histogram.js';
import { STYLE } from './style.js';

const FAILURES_SHOWN = 5;

const PILL: Record<CaseStatus, string> = { passed: 'pass', failed: 'fail', 'expected-miss': 'expected', 'unexpected-pass': 'fail' };

function pill(status: CaseStatus): string {
  return `<span class="pill ${PILL[status] ?? 'fail'}">${escapeXml(CASE_STATUS_WORDS[status] ?? status)}</span>`;
}

function summaryTable(parts: SweepParts): string {
  const sweep = isSweep(parts.header);
  const rows = casesFailuresFirst(parts.summary).map((i) => {
    const c = parts.summary.cases[i]!;
    const info = parts.header.cases[i]!;
    const r = c.recovery;
    return (
      `<tr class="${escapeAttr(c.status)}"><td>${pill(c.status)}</td>` +
      `<td><a href="#case-${i + 1}">${escapeXml(info.title)}</a><br><code>${escapeXml(c.scenario)}</code></td>` +
      `<td><code>${escapeXml(c.playbook)}</code></td>` +
      `<td class="num">${escapeXml(metTarget(c))}<span class="rate"><i style="width:${escapeAttr((c.passRate * 100).toFixed(1))}%"></i></span></td>` +
      `<td class="num">${escapeXml(timeFigure(r, r.p50Ms))}</td>` +
      (sweep ? `<td class="num">${escapeXml(timeFigure(r, r.p95Ms))}</td><td class="num">${escapeXml(timeFigure(r, r.maxMs))}</td>` : '') +
      `<td class="num">${escapeXml(c.worst ? c.worst.seed : '-')}</td></tr>`
    );
  });
  const head = sweep
    ? '<th>status</th><th>scenario</th><th>playbook</th><th class="num">met target</th><th class="num" title="time to recover, median">p50</th><th class="num" title="time to recover, 95th percentile">p95</th><th class="num" title="time to recover, slowest seed">max</th><th class="num">worst seed</th>'
    : '<th>status</th><th>scenario</th><th>playbook</th><th class="num">met target</th><th class="num">recovery</th><th class="num">seed</th>';
  return `<div class="scroll"><table class="summary"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function expectedList(parts: SweepParts): string {
  const { header: h, summary: s } = parts;
  const listed = casesFailuresFirst(s).filter((i) => h.cases[i]!.expectedMiss !== null && s.cases[i]!.drills > 0);
  if (listed.length === 0) return '';
  const items = listed.map((i) => `<li><a href="#case-${i + 1}"><code>${escapeXml(s.cases[i]!.scenario)}</code></a> ${escapeXml(expectedLine(s.cases[i]!, h.cases[i]!.expectedMiss!))}</li>`);
  return `<h3>Expected misses</h3><ul class="expected">${items.join('')}</ul>`;
}

function caseStats(c: CaseSummary): string {
  const items = [
    [metTarget(c), 'met the target'],
    [`${timeFigure(c.recovery, c.recovery.p50Ms)} / ${timeFigure(c.recovery, c.recovery.p95Ms)}`, 'recovery p50 / p95'],
    [`${timeFigure(c.detect, c.detect.p50Ms)} / ${timeFigure(c.detect, c.detect.p95Ms)}`, 'detection p50 / p95'],
    [c.score ? `${c.score.mean} (${c.score.min}-${c.score.max})` : '-', 'score mean (range)'],
  ];
  return `<div class="stats">${items.map(([v, k]) => `<div><b>${escapeXml(v!)}</b><span>${k}</span></div>`).join('')}</div>`;
}

function failureList(info: CaseInfo, c: CaseSummary, failing: readonly DrillRecord[]): string {
  if (c.failed === 0) return '';
  const rows = failing.map(
    (r) => `<tr><td class="num">${escapeXml(r.seed)}</td><td>${escapeXml(missHeadline(r, info.targetMs))}</td><td><code>${escapeXml(replayCommand(info, r.seed))}</code></td></tr>`,
  );
  const more = c.failed > failing.length ? `<p class="muted">${escapeXml(c.failed - failing.length)} more failing seeds are in junit.xml and report.json.</p>` : '';
  return `<h3>Seeds that missed (${escapeXml(`${c.failed} of ${c.drills}`)})</h3><table class="failures"><thead><tr><th class="num">seed</th><th>outcome</th><th>replay</th></tr></thead><tbody>${rows.join('')}</tbody></table>${more}`;
}

/** The line that names a case: status, title, scenario and playbook, how often it met the target, and the way back to the summary. */
function caseHeading(info: CaseInfo, c: CaseSummary, sweep: boolean): string {
  const figures = sweep ? `${metTarget(c)} met the target · recovery p50 ${timeFigure(c.recovery, c.recovery.p50Ms)}, p95 ${timeFigure(c.recovery, c.recovery.p95Ms)}` : '';
  return (
    `<div class="case-head">${pill(c.status)} <h2>${escapeXml(info.title)}</h2>` +
    `<span class="case-right"><span class="case-figures">${escapeXml(figures)}</span> <a class="back" href="#summary">↑ summary</a></span></div>`
  );
}

function caseBody(parts: SweepParts, i: number, detail: Report | undefined, failing: readonly DrillRecord[]): string {
  const info = parts.header.cases[i]!;
  const c = parts.summary.cases[i]!;
  const sweep = isSweep(parts.header);
  const tags = info.tags.length > 0 ? ` · ${info.tags.map((t) => `<span class="tag">${escapeXml(t)}</span>`).join(' ')}` : '';
  const out = [
    `<p class="sub"><code>${escapeXml(info.scenario)}</code> with playbook <code>${escapeXml(info.playbook)}</code>, target ${escapeXml(formatClock(info.targetMs))}, ${escapeXml(seedsText(parts.header))}${tags}</p>`,
  ];
  if (info.expectedMiss) out.push(`<p class="expected-note ${escapeAttr(c.status)}">${escapeXml(expectedLine(c, info.expectedMiss))}</p>`);
  if (sweep) out.push(caseStats(c), c.recovery.n > 0 ? recoveryHistogram(c, info.targetMs) : '<p class="muted">No drill had impact: there is no recovery time to show.</p>', failureList(info, c, failing));
  if (detail) out.push(drillDetail(info, detail, sweep ? `Seed ${detail.seed}, the worst of ${c.drills}` : `Seed ${detail.seed}`, !failsRun(c)));
  return out.join('\n');
}

/**
 * A case that fails the run is laid open; any other (a pass, an expected miss) is folded into a
 * <details> that opens with a click, no script needed: the page reads from the top as "what
 * needs attention", and what passed is one line each until asked for.
 */
function caseSection(parts: SweepParts, i: number, detail: Report | undefined, failing: readonly DrillRecord[]): string {
  const info = parts.header.cases[i]!;
  const c = parts.summary.cases[i]!;
  const heading = caseHeading(info, c, isSweep(parts.header));
  const body = caseBody(parts, i, detail, failing);
  if (failsRun(c)) return `<section class="card case ${escapeAttr(c.status)}" id="case-${i + 1}">\n${heading}\n${body}\n</section>`;
  return `<details class="card case ${escapeAttr(c.status)}" id="case-${i + 1}">\n<summary>${heading}</summary>\n${body}\n</details>`;
}

/** The first failing drills of each case, read from the drills in one pass. */
function firstFailures(parts: SweepParts, drills: Iterable<DrillRecord>): DrillRecord[][] {
  const index = new Map(parts.header.cases.map((c, i) => [caseKey(c.scenario, c.playbook), i]));
  const out: DrillRecord[][] = parts.header.cases.map(() => []);
  for (const r of drills) {
    if (r.verdict === 'PASS') continue;
    const list = out[index.get(caseKey(r.scenario, r.playbook)) ?? -1];
    if (list && list.length < FAILURES_SHOWN) list.push(r);
  }
  return out;
}

/** The run's drills in the words (and units) of every other format, and what the table's times are. */
function counts(parts: SweepParts): string {
  const { header: h, summary: s } = parts;
  if (!isSweep(h) && s.drills <= 1) return '';
  const spread = isSweep(h) ? ' p50, p95 and max are times to recover over the seeds, counted from detection.' : '';
  return `<p class="sub">${escapeXml(`${drillsLine(s)}.${spread}`)}</p>`;
}

/**
 * The HTML report: one file with everything inline (styles, SVG charts; no script, font or
 * link to fetch), readable on a shared screen in a debrief. At the top, the run's status, the
 * command that runs it again and the Firedrill version; then a summary of every case, those
 * that fail the run first, each linked to its section and back; then the cases in that order,
 * the failing ones laid open with the spread over seeds and the worst drill in full, the rest
 * folded.
 */
export function sweepHtml(parts: SweepParts, drills: Iterable<DrillRecord>): string {
  const { header: h, summary: s } = parts;
  const failing = firstFailures(parts, drills);
  const details = new Map(parts.details.map((d) => [caseKey(d.scenario, d.playbook ?? ''), d]));
  const word = statusWord(s);
  const skipped =
    h.skipped.length === 0
      ? ''
      : `<section class="card"><h2>Not run</h2><p class="sub">These scenarios of the folder lack what the playbook names, so it does not apply to them:</p><ul>${skippedByLack(h)
          .map(([lacks, ids]) => `<li>no ${escapeXml(lacks)}: ${ids.map((id) => `<code>${escapeXml(id)}</code>`).join(', ')}</li>`)
          .join('')}</ul></section>`;
  const command = h.command ? `<p class="command"><code>${escapeXml(h.command)}</code></p>` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(`${word} · Firedrill: ${runTitle(h)}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="top"><div class="wrap">
<div class="big-verdict ${s.status === 'passed' ? 'pass' : 'fail'}">${escapeXml(word)}</div>
<div class="run"><h1>${escapeXml(runTitle(h))}</h1><p>${escapeXml(`${seedsText(h)}${h.shard ? `, shard ${h.shard.index}/${h.shard.count}` : ''} · ${verdictLine(s)}`)}</p>
${command}<p class="version">${escapeXml(`firedrill ${h.firedrill}`)}</p></div>
</div></header>
<main class="wrap">
<section class="card" id="summary"><h2>Summary</h2>${counts(parts)}
${summaryTable(parts)}
${expectedList(parts)}
</section>
${skipped}
${casesFailuresFirst(s)
  .map((i) => caseSection(parts, i, details.get(caseKey(h.cases[i]!.scenario, h.cases[i]!.playbook)), failing[i]!))
  .join('\n')}
</main>
<footer>firedrill ${escapeXml(h.firedrill)} · the same scenario, playbook and seed give the same report</footer>
</body>
</html>
`;
}
