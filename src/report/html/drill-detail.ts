import { counted } from '../../core/counted.js';
import { formatClock, formatDuration } from '../../core/monitors.js';
import { detectedAtOnTimeline, NO_SLO_BROKEN, recoveryCountedFrom, recoveryMoments } from '../outcome.js';
import type { Report } from '../report.js';
import { outcome } from '../sweep/figures.js';
import { replayCommand, type CaseInfo } from '../sweep/header.js';
import { escapeAttr, escapeXml } from '../xml.js';
import { drillCharts } from './drill-charts.js';
import { MARKER_COLORS, type MarkerKind } from './markers.js';
import { measuredTable } from './measurements.js';

/** A 0-100 score as a ring: the filled arc is the score, coloured by how good it is. */
export function scoreRing(score: number): string {
  const r = 34;
  const length = 2 * Math.PI * r;
  const filled = (Math.max(0, Math.min(100, score)) / 100) * length;
  const tone = score >= 80 ? 'good' : score >= 50 ? 'fair' : 'poor';
  return (
    `<svg class="score-ring ${tone}" viewBox="0 0 84 84" role="img" aria-label="${escapeAttr(`score ${score} of 100`)}" xmlns="http://www.w3.org/2000/svg">` +
    `<circle class="track" cx="42" cy="42" r="${r}"/>` +
    `<circle class="fill" cx="42" cy="42" r="${r}" stroke-dasharray="${filled.toFixed(1)} ${length.toFixed(1)}" transform="rotate(-90 42 42)"/>` +
    `<text x="42" y="47" text-anchor="middle">${escapeXml(score)}</text></svg>`
  );
}

/**
 * The drill's moments, each saying what it counts from. Where no SLO broke there is no time
 * after impact, but a playbook or a controller may still have detected the incident (a canary's
 * check failing below the SLOs): that detection is read from the timeline, as the charts' marker is.
 */
function keyTimes(r: Report): string {
  const rel = (ms: number | null, after: string): string => (ms === null ? 'never' : `${escapeXml(formatClock(ms))} <small>${after}</small>`);
  const by = r.detectedBy ? ` (${escapeXml(r.detectedBy)})` : '';
  const noImpact = r.impactStartMs === null;
  const detectedAt = detectedAtOnTimeline(r);
  const moments = recoveryMoments(r);
  const cells = [
    ['Impact began', noImpact ? escapeXml(NO_SLO_BROKEN) : `at ${escapeXml(formatClock(r.impactStartMs!))}`],
    [
      'Detected',
      noImpact
        ? detectedAt === null
          ? '-'
          : `at ${escapeXml(formatClock(detectedAt))} <small>before any SLO broke${by}</small>`
        : r.declaredBeforeImpactMs !== null
          ? rel(r.declaredBeforeImpactMs, `before impact${by}`)
          : rel(r.detectMs, `after impact${by}`),
    ],
    ['Mitigated', noImpact ? '-' : rel(r.mitigateMs, 'after detection')],
    ['Recovered', noImpact ? '-' : rel(r.recoverMs, `after ${recoveryCountedFrom(r)}${moments ? `: ${escapeXml(moments)}` : ''}`)],
    ['Target', escapeXml(formatClock(r.targetMs))],
  ];
  return `<dl class="times">${cells.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('')}</dl>`;
}

function penalties(r: Report): string {
  if (r.penalties.length === 0) return '<p class="muted">No points taken off.</p>';
  const rows = r.penalties.map((p) => `<tr><td class="num">−${escapeXml(p.points)}</td><td>${escapeXml(p.explain)}</td></tr>`).join('');
  return `<table class="penalties"><tbody>${rows}</tbody></table>`;
}

function reasons(r: Report): string {
  const guardrails = r.missingGuardrails;
  const items = r.reasons.map((x) => `<li>${escapeXml(x)}</li>`).join('');
  const extra = guardrails.length > 0 ? `<h4>What would have prevented it</h4><ul>${guardrails.map((g) => `<li>${escapeXml(g)}</li>`).join('')}</ul>` : '';
  return `<h4>${r.verdict === 'PASS' ? 'Result' : 'Why it missed'}</h4><ul class="reasons">${items}</ul>${extra}`;
}

const KIND_MARKER: Partial<Record<string, MarkerKind>> = {
  fault: 'fault',
  inject: 'fault',
  change: 'fault',
  impact: 'impact',
  detect: 'detect',
  alert: 'detect',
  action: 'action',
  mitigate: 'mitigate',
  recover: 'recover',
};

function timeline(r: Report): string {
  const rows = r.timeline.map((e) => {
    const marker = KIND_MARKER[e.kind];
    const style = marker ? ` style="color:${MARKER_COLORS[marker]}"` : '';
    return `<tr><td class="num">${escapeXml(formatClock(e.tMs))}</td><td class="kind"${style}>${escapeXml(e.kind)}</td><td>${escapeXml(e.text)}</td></tr>`;
  });
  return `<table class="timeline"><thead><tr><th>time</th><th>event</th><th>what happened</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function legend(smoothMs: number, watched: boolean, measured: boolean): string {
  const items: [MarkerKind, string][] = [
    ['fault', 'fault injected'],
    ['impact', 'impact began'],
    ['detect', 'detected'],
    ['action', 'action (numbered as below)'],
    ['mitigate', 'mitigated'],
    ['recover', 'recovered'],
  ];
  const swatches = items.map(([k, text]) => `<span><i style="background:${MARKER_COLORS[k]}"></i>${text}</span>`).join('');
  const watch = watched ? '<span><i class="watch"></i>what the playbook watched: the level that fires it, the value it read over its window, and (a bar) the window it read when it fired</span>' : '';
  const measure = measured ? '<span><i class="measured"></i>what the controller measured, where its query reads the chart\'s metric: a dot per measurement (filled: failed), and the level it fails past</span>' : '';
  return (
    `<p class="legend">${swatches}<span><i class="smooth"></i>${escapeXml(`${formatDuration(smoothMs)} average (faint: each second)`)}</span>${watch}${measure}` +
    `<span><i class="band"></i>target window (from detection, or from impact when nothing detected it)</span><span><i class="unstable"></i>unstable state</span><span><i class="slo"></i>SLO</span></p>`
  );
}

/** One drill in full: times, score and penalties, why, the charts, the timeline (shown, or folded when `foldTimeline`). */
export function drillDetail(info: CaseInfo, r: Report, heading: string, foldTimeline = false): string {
  // Only a person ends a drill before its incident is detected, and the HTML report shows sweeps, which have none.
  if (r.score === null) throw new Error(`drill ${r.scenario} seed ${r.seed} has no score (${r.notScored}): the HTML report shows only drills that ran to their end`);
  const score = r.score;
  const { html: charts, endMs, smoothMs } = drillCharts(info, r);
  const c = r.counts;
  const cut = r.endMs > endMs ? `<p class="muted">${escapeXml(`The drill ran to ${formatClock(r.endMs)} (${r.endReason}); the charts show its first ${formatClock(endMs)}.`)}</p>` : '';
  return [
    `<div class="drill" data-seed="${escapeAttr(r.seed)}">`,
    `<h3><span class="pill ${r.verdict === 'PASS' ? 'pass' : 'fail'}">${escapeXml(r.verdict)}</span> ${escapeXml(heading)}: ${escapeXml(outcome(r, r.targetMs))}</h3>`,
    keyTimes(r),
    `<div class="score-row">${scoreRing(score)}<div><h4>${escapeXml(`Score ${score}/100`)}</h4>${penalties(r)}</div><div>${reasons(r)}</div></div>`,
    legend(smoothMs, (r.watched ?? []).length > 0, (r.measured ?? []).some((m) => m.chart !== null)),
    cut,
    charts,
    measuredTable(r.measured ?? []),
    `<p class="counts">${escapeXml([
      `${counted(c.usersAffected, 'user')} affected`,
      counted(c.userMinutes, 'user-minute'),
      counted(c.failedRequests, 'failed request'),
      counted(c.badResponses, 'bad response'),
      `${counted(c.rowsLost, 'row')} lost`,
      counted(c.irreversibleSideEffects, 'irreversible side effect'),
      counted(c.unstableStates.length, 'unstable state'),
      counted(c.actionsTaken, 'action'),
    ].join(' · '))}</p>`,
    `<details class="timeline"${foldTimeline ? '' : ' open'}><summary><h4>${escapeXml(`Timeline: ${r.timeline.length} events`)}</h4></summary>`,
    timeline(r),
    `</details>`,
    `<p class="replay">Replay: <code>${escapeXml(replayCommand(info, r.seed))}</code></p>`,
    `</div>`,
  ]
    .filter((s) => s !== '')
    .join('\n');
}
