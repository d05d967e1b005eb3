import { formatClock } from '../core/monitors.js';
import { NO_SLO_BROKEN } from './outcome.js';
import { expectedLine, interruptionLine, missHeadline } from './sweep/figures.js';
import { isSweep, replayCommand, type CaseInfo, type SweepHeader } from './sweep/header.js';
import type { SweepParts } from './sweep/reader.js';
import type { DrillRecord } from './sweep/record.js';
import { failsRun, type CaseSummary, type Interruption, type TimeStats } from './sweep/summary.js';
import { escapeAttr, escapeXml } from './xml.js';

/**
 * JUnit XML within what the common schema allows (Jenkins' junit-10.xsd, which GitLab and most
 * report importers follow): a testsuite per scenario and playbook, a testcase per drill. A
 * testcase has no `time`: a wall-clock time would make the file differ from run to run, and the
 * simulated time a drill took is not time the test ran (as a duration, a drill that never
 * recovered would sort as the fastest). The simulated detect, mitigate and recover times are in
 * each suite's properties and in each miss's message instead. A miss is a failure with its
 * reasons and replay command; an expected miss is skipped with its reason; an expected miss that
 * met its target is a failure naming where it is listed; a scenario the playbook does not fit is
 * skipped; an interrupted run is an error. Produced piece by piece, so a sweep of any size
 * streams to disk.
 */

function testName(h: SweepHeader, c: CaseInfo, seed: number): string {
  return isSweep(h) ? `${c.playbook} seed ${seed}` : c.playbook;
}

function clock(ms: number | null): string {
  return ms === null ? 'never' : formatClock(ms);
}

/** "detect 0:45, mitigate 1:10, recover never": a drill's simulated times, as its messages say them. */
export function drillTimes(r: Pick<DrillRecord, 'impactStartMs' | 'detectMs' | 'mitigateMs' | 'recoverMs'>): string {
  if (r.impactStartMs === null) return NO_SLO_BROKEN;
  return `simulated detect ${clock(r.detectMs)}, mitigate ${clock(r.mitigateMs)}, recover ${clock(r.recoverMs)}`;
}

function element(tag: string, attrs: Record<string, string>, body: string): string {
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('');
  return `      <${tag}${a}>${escapeXml(body)}</${tag}>\n`;
}

function outcomeOf(c: CaseInfo, r: DrillRecord): string {
  const replay = `replay: ${replayCommand(c, r.seed)}`;
  const expected = c.expectedMiss;
  if (r.verdict === 'PASS') {
    if (!expected) return '';
    const line = expectedLine({ status: 'unexpected-pass', passed: 1, drills: 1 }, expected);
    return element('failure', { type: 'unexpected-pass', message: line }, `${drillTimes(r)}\n\n${replay}`);
  }
  const headline = `${missHeadline(r, c.targetMs)}; ${drillTimes(r)}`;
  if (expected) return element('skipped', { message: `expected miss: ${expected.reason}` }, `${headline}\n\nlisted in ${expected.listedAt}\n${replay}`);
  const guardrails = r.guardrails && r.guardrails.length > 0 ? ['', 'would have prevented it:', ...r.guardrails.map((g) => `- ${g}`)] : [];
  const body = [...(r.reasons ?? []).map((x) => `- ${x}`), ...guardrails, '', replay].join('\n');
  return element('failure', { type: 'missed-target', message: headline }, body);
}

function testcase(h: SweepHeader, c: CaseInfo, r: DrillRecord): string {
  const open = `    <testcase classname="${escapeAttr(`firedrill.${c.scenario}`)}" name="${escapeAttr(testName(h, c, r.seed))}"`;
  const body = outcomeOf(c, r);
  return body === '' ? `${open}/>\n` : `${open}>\n${body}    </testcase>\n`;
}

function stats(name: string, t: TimeStats): [string, string][] {
  if (t.n === 0) return [];
  return [
    [`simulated.${name}.p50`, clock(t.p50Ms)],
    [`simulated.${name}.p95`, clock(t.p95Ms)],
    [`simulated.${name}.max`, clock(t.maxMs)],
  ];
}

function suiteOpen(c: CaseInfo, s: CaseSummary): string {
  const props: [string, string][] = [
    ['scenario', c.scenario],
    ['playbook', c.playbook],
    ['status', s.status],
    ['target', formatClock(c.targetMs)],
    ...stats('detect', s.detect),
    ...stats('mitigate', s.mitigate),
    ...stats('recover', s.recovery),
    ['tags', c.tags.join(' ')],
    ...(c.expectedMiss ? ([['expected-miss', `${c.expectedMiss.reason} (listed in ${c.expectedMiss.listedAt})`]] as [string, string][]) : []),
    ['scenario.digest', c.versions.scenario],
    ['playbook.digest', c.versions.playbook],
  ];
  const expected = c.expectedMiss !== null;
  const failures = expected ? s.passed : s.failed;
  const skipped = expected ? s.failed : 0;
  return [
    `  <testsuite name="${escapeAttr(`${c.scenario} with ${c.playbook}`)}" tests="${escapeAttr(s.drills)}" failures="${escapeAttr(failures)}" errors="0" skipped="${escapeAttr(skipped)}">\n`,
    `    <properties>\n`,
    ...props.map(([k, v]) => `      <property name="${escapeAttr(k)}" value="${escapeAttr(v)}"/>\n`),
    `    </properties>\n`,
  ].join('');
}

/**
 * A run stopped before its end is an error of its own, first in the file: the drills that
 * finished may all have passed, and an importer must not show the run as green.
 */
function interruptedSuite(i: Interruption, finished: number): string {
  const line = interruptionLine(i, finished);
  const body = `${line}: the run did not finish, so its result proves nothing. Run it again to the end.`;
  return [
    `  <testsuite name="firedrill run" tests="1" failures="0" errors="1">\n`,
    `    <testcase classname="firedrill" name="the run finished">\n`,
    element('error', { type: 'interrupted', message: line }, body),
    `    </testcase>\n  </testsuite>\n`,
  ].join('');
}

export function* junitXml(parts: SweepParts, drills: Iterable<DrillRecord>): Generator<string> {
  const { header: h, summary } = parts;
  const stopped = summary.interrupted ? 1 : 0;
  // The root may not say how many were skipped (junit-10.xsd has no such attribute): the suites do.
  const failures = summary.cases.reduce((n, c) => n + (failsRun(c) ? (c.status === 'failed' ? c.failed : c.passed) : 0), 0);
  yield `<?xml version="1.0" encoding="UTF-8"?>\n`;
  yield `<testsuites name="firedrill" tests="${escapeAttr(summary.drills + h.skipped.length + stopped)}" failures="${escapeAttr(failures)}" errors="${stopped}">\n`;
  if (summary.interrupted) yield interruptedSuite(summary.interrupted, summary.drills);
  const it = drills[Symbol.iterator]();
  let next = it.next();
  for (let i = 0; i < h.cases.length; i++) {
    const c = h.cases[i]!;
    yield suiteOpen(c, summary.cases[i]!);
    while (!next.done && next.value.scenario === c.scenario && next.value.playbook === c.playbook) {
      yield testcase(h, c, next.value);
      next = it.next();
    }
    yield `  </testsuite>\n`;
  }
  if (!next.done) throw new Error(`drill of ${next.value.scenario} seed ${next.value.seed} is out of the order of the sweep's cases`);
  for (const k of h.skipped) {
    yield `  <testsuite name="${escapeAttr(`${k.scenario} with ${k.playbook}`)}" tests="1" failures="0" errors="0" skipped="1">\n`;
    yield `    <testcase classname="${escapeAttr(`firedrill.${k.scenario}`)}" name="${escapeAttr(k.playbook)}">\n`;
    yield `      <skipped message="${escapeAttr(`the playbook does not fit this scenario: ${k.problems[0] ?? ''}`)}"/>\n`;
    yield `    </testcase>\n  </testsuite>\n`;
  }
  yield `</testsuites>\n`;
}
