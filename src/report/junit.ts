import { formatClock } from '../core/monitors.js';
import { interruptionLine, missHeadline } from './sweep/figures.js';
import { isSweep, replayCommand, type CaseInfo, type SweepHeader } from './sweep/header.js';
import type { SweepParts } from './sweep/reader.js';
import type { DrillRecord } from './sweep/record.js';
import type { CaseSummary, Interruption } from './sweep/summary.js';
import { escapeAttr, escapeXml } from './xml.js';

/** JUnit wants seconds; a drill's duration is the simulated time it took to recover. */
function seconds(ms: number | null): string {
  return ((ms ?? 0) / 1000).toFixed(3);
}

function testName(h: SweepHeader, c: CaseInfo, seed: number): string {
  return isSweep(h) ? `${c.playbook} seed ${seed}` : c.playbook;
}

function testcase(h: SweepHeader, c: CaseInfo, r: DrillRecord): string {
  const open = `    <testcase classname="${escapeAttr(`firedrill.${c.scenario}`)}" name="${escapeAttr(testName(h, c, r.seed))}" time="${seconds(r.recoverMs)}"`;
  if (r.verdict === 'PASS') return `${open}/>\n`;
  const guardrails = r.guardrails && r.guardrails.length > 0 ? ['', 'would have prevented it:', ...r.guardrails.map((g) => `- ${g}`)] : [];
  const body = [...(r.reasons ?? []).map((x) => `- ${x}`), ...guardrails, '', `replay: ${replayCommand(c, r.seed)}`].join('\n');
  return `${open}>\n      <failure type="missed-target" message="${escapeAttr(missHeadline(r, c.targetMs))}">${escapeXml(body)}</failure>\n    </testcase>\n`;
}

function suiteOpen(c: CaseInfo, s: CaseSummary): string {
  const props = [
    ['scenario', c.scenario],
    ['playbook', c.playbook],
    ['target', formatClock(c.targetMs)],
    ['scenario.digest', c.versions.scenario],
    ['playbook.digest', c.versions.playbook],
  ];
  return [
    `  <testsuite name="${escapeAttr(`${c.scenario} with ${c.playbook}`)}" tests="${s.drills}" failures="${s.failed}" errors="0" skipped="0">\n`,
    `    <properties>\n`,
    ...props.map(([k, v]) => `      <property name="${escapeAttr(k!)}" value="${escapeAttr(v!)}"/>\n`),
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
    `  <testsuite name="firedrill run" tests="1" failures="0" errors="1" skipped="0">\n`,
    `    <testcase classname="firedrill" name="the run finished" time="0.000">\n`,
    `      <error type="interrupted" message="${escapeAttr(line)}">${escapeXml(body)}</error>\n`,
    `    </testcase>\n  </testsuite>\n`,
  ].join('');
}

/**
 * JUnit XML as the common CI importers read it (Jenkins, GitLab, GitHub test-report actions):
 * a testsuite per scenario and playbook, a testcase per drill, a failure with the reasons and
 * the replay command for each miss, a skipped testcase for each scenario the playbook does
 * not fit, and an error when the run was interrupted. A testcase's time is the simulated time the drill took to recover, in seconds (the
 * file must not depend on how fast the machine was). Produced piece by piece, so a sweep of any
 * size streams to disk.
 */
export function* junitXml(parts: SweepParts, drills: Iterable<DrillRecord>): Generator<string> {
  const { header: h, summary } = parts;
  const skipped = h.skipped.length;
  const stopped = summary.interrupted ? 1 : 0;
  yield `<?xml version="1.0" encoding="UTF-8"?>\n`;
  yield `<testsuites name="firedrill" tests="${summary.drills + skipped + stopped}" failures="${summary.failed}" errors="${stopped}" skipped="${skipped}">\n`;
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
    yield `    <testcase classname="${escapeAttr(`firedrill.${k.scenario}`)}" name="${escapeAttr(k.playbook)}" time="0.000">\n`;
    yield `      <skipped message="${escapeAttr(`the playbook does not fit this scenario: ${k.problems[0] ?? ''}`)}"/>\n`;
    yield `    </testcase>\n  </testsuite>\n`;
  }
  yield `</testsuites>\n`;
}
