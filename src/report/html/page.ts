import { formatClock } from '../../core/monitors.js';
import type { Report } from '../report.js';
import { metTarget, missHeadline, percent, runTitle, seedsText, statusWord, timeFigure, verdictLine } from '../sweep/figures.js';
import { caseKey, isSweep, replayCommand, type CaseInfo } from '../sweep/header.js';
import type { SweepParts } from '../sweep/reader.js';
import type { DrillRecord } from '../sweep/record.js';
import type { CaseSummary } from '../sweep/summary.js';
import { skippedByLack } from '../sweep/summary-text.js';
import { escapeAttr, escapeXml } from '../xml.js';
import { drillDetail } from './drill-detail.js';
import { recoveryHistogram } from './histogram.js';
import { STYLE } from './style.js';

const FAILURES_SHOWN = 5;

function summaryTable(parts: SweepParts): string {
  const sweep = isSweep(parts.header);
  const rows = parts.summary.cases.map((c, i) => {
    const info = parts.header.cases[i]!;
    const r = c.recovery;
    return (
      `<tr><td><span class="pill ${c.failed === 0 ? 'pass' : 'fail'}">${c.failed === 0 ? 'PASS' : 'FAIL'}</span></td>` +
      `<td><a href="#case-${i + 1}">${escapeXml(info.title)}</a><br><code>${escapeXml(c.scenario)}</code></td>` +
      `<td><code>${escapeXml(c.playbook)}</code></td>` +
      `<td class="num">${escapeXml(metTarget(c))}<span class="rate"><i style="width:${escapeAttr((c.passRate * 100).toFixed(1))}%"></i></span></td>` +
      `<td class="num">${escapeXml(timeFigure(r, r.p50Ms))}</td>` +
      (sweep ? `<td class="num">${escapeXml(timeFigure(r, r.p95Ms))}</td><td class="num">${escapeXml(timeFigure(r, r.maxMs))}</td>` : '') +
      `<td class="num">${escapeXml(c.worst ? c.worst.seed : '-')}</td></tr>`
    );
  });
  const head = sweep
    ? '<th></th><th>scenario</th><th>playbook</th><th class="num">met target</th><th class="num" title="time to recover, median">p50</th><th class="num" title="time to recover, 95th percentile">p95</th><th class="num" title="time to recover, slowest seed">max</th><th class="num">worst seed</th>'
    : '<th></th><th>scenario</th><th>playbook</th><th class="num">met target</th><th class="num">recovery</th><th class="num">seed</th>';
  return `<div class="scroll"><table class="summary"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
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

function caseSection(parts: SweepParts, i: number, detail: Report | undefined, failing: readonly DrillRecord[]): string {
  const info = parts.header.cases[i]!;
  const c = parts.summary.cases[i]!;
  const sweep = isSweep(parts.header);
  const out = [
    `<section class="card case" id="case-${i + 1}">`,
    `<h2>${escapeXml(info.title)}</h2>`,
    `<p class="sub"><code>${escapeXml(info.scenario)}</code> with playbook <code>${escapeXml(info.playbook)}</code>, target ${escapeXml(formatClock(info.targetMs))}, ${escapeXml(seedsText(parts.header))}</p>`,
  ];
  if (sweep) out.push(caseStats(c), recoveryHistogram(c, info.targetMs), failureList(info, c, failing));
  if (detail) out.push(drillDetail(info, detail, sweep ? `Seed ${detail.seed}, the worst of ${c.drills}` : `Seed ${detail.seed}`));
  out.push('</section>');
  return out.join('\n');
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

/**
 * The HTML report: one file with everything inline (styles, SVG charts; no script, font or
 * link to fetch), readable on a shared screen in a debrief. A summary of every scenario and
 * playbook, then per case the spread over seeds and the worst drill in full.
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
<div><h1>${escapeXml(runTitle(h))}</h1><p>${escapeXml(`${seedsText(h)}${h.shard ? `, shard ${h.shard.index}/${h.shard.count}` : ''} · ${verdictLine(s)}`)}</p></div>
</div></header>
<main class="wrap">
<section class="card"><h2>Summary</h2>${isSweep(h) || s.drills > 1 ? `<p class="sub">${escapeXml(`${s.passed} of ${s.drills} drills recovered inside their target (${percent(s.drills === 0 ? 0 : s.passed / s.drills)}).${isSweep(h) ? ' p50, p95 and max are times to recover over the seeds.' : ''}`)}</p>` : ''}
${summaryTable(parts)}
</section>
${skipped}
${h.cases.map((c, i) => caseSection(parts, i, details.get(caseKey(c.scenario, c.playbook)), failing[i]!)).join('\n')}
</main>
<footer>firedrill ${escapeXml(h.firedrill)} · the same scenario, playbook and seed give the same report</footer>
</body>
</html>
`;
}
