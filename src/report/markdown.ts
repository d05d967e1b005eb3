import { inertLine } from '../core/inert.js';
import { formatClock } from '../core/monitors.js';
import { CASE_STATUS_WORDS, casesFailuresFirst, expectedLine, metTarget, missHeadline, runTitle, seedsText, statusWord, timeFigure, verdictLine } from './sweep/figures.js';
import { caseKey, isSweep, replayCommand } from './sweep/header.js';
import type { SweepParts } from './sweep/reader.js';
import type { DrillRecord } from './sweep/record.js';
import { failsRun, type CaseSummary } from './sweep/summary.js';
import { skippedByLack } from './sweep/summary-text.js';

/** Failing seeds listed per case; the rest are counted (every one is in the JUnit and JSON files). */
const FAILURES_SHOWN = 5;
const REASONS_SHOWN = 5;

/** Text from input files, made inert: Markdown punctuation and HTML are shown, not interpreted. */
export function mdText(text: string): string {
  return inertLine(text.replace(/\r?\n/g, ' ')).replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`);
}

/** A code span that holds any text: a fence longer than any run of backticks inside. */
export function mdCode(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${inertLine(text.replace(/\r?\n/g, ' '))}${pad}${fence}`;
}

/** A code span inside a table cell: GitHub splits cells at every unescaped pipe, even in code. */
function cellCode(text: string): string {
  return mdCode(text).replace(/\|/g, '\\|');
}

/** A case's status as the table shows it: the ones that fail the run in bold. */
function statusCell(c: CaseSummary): string {
  const word = CASE_STATUS_WORDS[c.status];
  return failsRun(c) ? `**${word}**` : word;
}

/** The summary table, cases that fail the run first, then expected misses, then passes. */
function summaryTable(parts: SweepParts): string[] {
  const { header: h, summary: s } = parts;
  const lines = ['| status | scenario | playbook | met target | recovery p50 | p95 | max | worst seed |', '|---|---|---|---:|---:|---:|---:|---:|'];
  casesFailuresFirst(s).forEach((i) => {
    const c = s.cases[i]!;
    const info = h.cases[i]!;
    const r = c.recovery;
    const cells = [
      statusCell(c),
      `${mdText(info.title)}<br>${cellCode(c.scenario)}`,
      cellCode(c.playbook),
      metTarget(c),
      timeFigure(r, r.p50Ms),
      timeFigure(r, r.p95Ms),
      timeFigure(r, r.maxMs),
      c.worst ? String(c.worst.seed) : '-',
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  });
  return lines;
}

function expectedLines(parts: SweepParts): string[] {
  const { header: h, summary: s } = parts;
  const listed = casesFailuresFirst(s).filter((i) => h.cases[i]!.expectedMiss !== null && s.cases[i]!.drills > 0);
  if (listed.length === 0) return [];
  return [
    '### Expected misses',
    '',
    ...listed.map((i) => {
      const c = s.cases[i]!;
      const text = `${cellCode(c.scenario)} with ${cellCode(c.playbook)}: ${mdText(expectedLine(c, h.cases[i]!.expectedMiss!))}`;
      return `- ${c.status === 'unexpected-pass' ? `**${CASE_STATUS_WORDS[c.status]}** ` : ''}${text}`;
    }),
    '',
  ];
}

function failureLines(parts: SweepParts, drills: Iterable<DrillRecord>): string[] {
  const { header: h, summary: s } = parts;
  const out: string[] = [];
  const shown = new Map<number, DrillRecord[]>();
  const index = new Map(h.cases.map((c, i) => [caseKey(c.scenario, c.playbook), i]));
  for (const r of drills) {
    if (r.verdict === 'PASS') continue;
    const i = index.get(caseKey(r.scenario, r.playbook));
    if (i === undefined) continue;
    const list = shown.get(i) ?? [];
    if (list.length < FAILURES_SHOWN) shown.set(i, [...list, r]);
  }
  casesFailuresFirst(s).forEach((i) => {
    const c = s.cases[i]!;
    const failing = shown.get(i) ?? [];
    if (c.status !== 'failed' || failing.length === 0) return;
    const info = h.cases[i]!;
    const seeds = isSweep(h) ? `${c.failed} of ${c.drills} seeds missed` : 'missed';
    out.push(`#### ${mdText(c.scenario)} with ${mdText(c.playbook)}: ${seeds} the ${formatClock(info.targetMs)} target`, '');
    // Seeds of one case usually miss for the same reasons: say them once, then list the seeds.
    const first = failing[0]!;
    out.push(`Why seed ${first.seed} missed:`, '');
    for (const reason of (first.reasons ?? []).slice(0, REASONS_SHOWN)) out.push(`- ${mdText(reason)}`);
    if (first.guardrails) out.push('', 'What would have prevented it:', '', ...first.guardrails.map((g) => `- ${mdText(g)}`));
    out.push('', '| seed | outcome | replay |', '|---:|---|---|');
    for (const r of failing) out.push(`| ${r.seed} | ${mdText(missHeadline(r, info.targetMs))} | ${cellCode(replayCommand(info, r.seed))} |`);
    if (c.failed > failing.length) out.push('', `_${c.failed - failing.length} more failing seeds: every one is in junit.xml and report.json._`);
    out.push('');
  });
  return out;
}

/** Measurements listed per case in Markdown (a CI summary page is short); the rest are counted. */
const MEASUREMENTS_SHOWN = 20;

/**
 * What each rollout controller measured on its case's worst seed (the drill the detailed reports
 * keep): when, which analysis or check, the value, the phase and the condition it judged by.
 */
function measuredLines(parts: SweepParts): string[] {
  const { header: h } = parts;
  const out: string[] = [];
  for (const i of casesFailuresFirst(parts.summary)) {
    const info = h.cases[i]!;
    const d = parts.details.find((x) => x.scenario === info.scenario && x.playbook === info.playbook);
    const measured = d?.measured ?? [];
    if (!d || measured.length === 0) continue;
    const seed = isSweep(h) ? `, seed ${d.seed} (its worst)` : '';
    out.push(`#### ${mdText(info.scenario)} with ${mdText(info.playbook)}${seed}`, '', '| time | measured by | metric | value | phase | condition |', '|---:|---|---|---:|---|---|');
    for (const m of measured.slice(0, MEASUREMENTS_SHOWN)) {
      const phase = m.phase === 'failed' || m.phase === 'error' ? `**${m.phase}**` : m.phase;
      out.push(`| ${formatClock(m.tMs)} | ${mdText(m.by)} | ${mdText(m.name)} | ${mdText(m.value)} | ${phase} | ${cellCode(m.condition)} |`);
    }
    if (measured.length > MEASUREMENTS_SHOWN) out.push('', `_${measured.length - MEASUREMENTS_SHOWN} more measurements: every one is in report.json._`);
    out.push('');
  }
  return out.length > 0 ? ['### What the controller measured', '', ...out] : [];
}

/**
 * The Markdown summary: the run's status, one table row per scenario and playbook (those that
 * fail the run first), then the failing drills with why they missed and how to replay them, and
 * the expected misses with their reasons, and what a rollout controller measured. Short enough
 * for a CI job summary page.
 */
export function sweepMarkdown(parts: SweepParts, drills: Iterable<DrillRecord>): string {
  const { header: h, summary: s } = parts;
  const out: string[] = [];
  out.push(`## Firedrill: ${mdText(runTitle(h))}, ${seedsText(h)}${h.shard ? `, shard ${h.shard.index}/${h.shard.count}` : ''}`, '');
  out.push(`**${statusWord(s)}**: ${mdText(verdictLine(s))}`, '');
  out.push(...summaryTable(parts), '');
  if (s.cases.some((c) => c.status === 'failed')) out.push('### Failing drills', '', ...failureLines(parts, drills));
  out.push(...expectedLines(parts));
  out.push(...measuredLines(parts));
  if (h.skipped.length > 0) {
    out.push('### Not run', '', 'These scenarios of the folder lack what the playbook names, so it does not apply to them:', '');
    for (const [lacks, ids] of skippedByLack(h)) out.push(`- no ${mdText(lacks)}: ${ids.map(mdCode).join(', ')}`);
    out.push('');
  }
  out.push(`<sub>firedrill ${mdText(h.firedrill)}; the same inputs and seeds give the same report.</sub>`, '');
  return out.join('\n');
}
