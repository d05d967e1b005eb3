import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inertJson, inertStrings } from '../../src/core/inert.js';
import { loadScenario } from '../../src/formats/scenario.js';
import { workflowCommand } from '../../src/report/annotations.js';
import { debriefLines } from '../../src/report/debrief.js';
import { reportJson, type Report } from '../../src/report/report.js';
import { reportText } from '../../src/report/text.js';
import { SCENARIOS } from '../helpers.js';
import { cli } from './cli-helpers.js';

/**
 * Text that would act rather than show: a screen clear and a cursor home, an 8-bit CSI, a
 * carriage return, a right-to-left override, markup and a CDATA end, with emoji that must
 * survive. As YAML double-quoted escapes, so the file itself is plain text.
 */
const HOSTILE = String.raw`\e[2J\e[H\x9b31m\rPASS\u202e <script>alert(1)</script> ]]> 🔥🧯`;
const RAW = ['\u001b', '\u009b', '\r', '\u202e'];
const TITLE = `${HOSTILE} ${'long title '.repeat(26)}`.slice(0, 300);

function hostileScenario(): string {
  const text = readFileSync(join(SCENARIOS, 'silent-provider-update.yaml'), 'utf8')
    .replace('title: Silent provider update behind a floating alias', `title: "${TITLE}"`)
    .replace(/^briefing: \|\n/m, `briefing: "${HOSTILE} briefing"\nunused-briefing: |\n`)
    .replace(/^lesson: \|\n/m, `lesson: "${HOSTILE} lesson"\nunused-lesson: |\n`)
    .replace('explain: "gpt-4o-2025-04-25 agrees with whatever the customer says, harmful suggestions included"', `explain: "${HOSTILE} explain"`)
    .replace("description: share of answers that endorse a customer's wrong or harmful claim (behavioural eval on sampled traffic)", `description: "${HOSTILE} metric"`);
  // The block scalars left behind are renamed out of the way; drop them.
  return text.replace(/^unused-(briefing|lesson): \|\n(  .*\n)+/gm, '');
}

/** Whether a piece of output holds anything that would act instead of showing. */
function raw(output: string): string[] {
  return RAW.filter((c) => output.includes(c)).map((c) => `U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

describe('hostile text in a scenario', () => {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-hostile-'));
  const file = join(dir, 'hostile.yaml');
  writeFileSync(file, hostileScenario());

  it('loads, with every string shown rather than acted on', () => {
    const s = loadScenario(readFileSync(file, 'utf8'), file);
    expect(s.meta.title.length).toBeGreaterThan(280);
    expect(s.meta.title.startsWith('\\x1b[2J\\x1b[H\\x9b31m\\rPASS\\u202e <script>')).toBe(true);
    expect(raw(JSON.stringify(s))).toEqual([]);
    expect(s.meta.briefing).toContain('🔥🧯');
  });

  it('reaches no terminal, JSON, Markdown, JUnit or HTML output raw', async () => {
    const out = join(dir, 'out');
    const r = await cli('run', file, '--playbook', 'unified-release-rollback', '--seed', '1', '--out', out, '--format', 'json,md,junit,html');
    expect(r.code).toBe(1);
    const outputs: Record<string, string> = {
      terminal: r.stdout + r.stderr,
      json: readFileSync(join(out, 'report.json'), 'utf8'),
      md: readFileSync(join(out, 'report.md'), 'utf8'),
      junit: readFileSync(join(out, 'junit.xml'), 'utf8'),
      html: readFileSync(join(out, 'report.html'), 'utf8'),
    };
    for (const [format, text] of Object.entries(outputs)) {
      expect(raw(text), format).toEqual([]);
      if (format !== 'terminal') expect(text, format).toContain('explain');
    }
    for (const format of ['md', 'junit', 'html']) {
      expect(outputs[format], format).not.toContain('<script>');
      expect(outputs[format], format).not.toContain(']]>');
      expect(outputs[format], format).toContain('🔥🧯');
    }
    expect(outputs.md).toContain('\\<script\\>');
    expect(outputs.html).toContain('&lt;script&gt;');
    expect(outputs.junit).toContain(']]&gt;');
    const single = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(JSON.stringify(single)).toContain('🔥🧯');
  });

  it('reaches no terminal line raw when a report itself carries it (a merged or replayed file)', () => {
    // The renderers take no loader's word for it: a report read back from elsewhere is made inert too.
    const s = loadScenario(readFileSync(join(SCENARIOS, 'silent-provider-update.yaml'), 'utf8'), 'x.yaml');
    const bare = HOSTILE.replace(/\\e/g, '\u001b').replace('\\x9b', '\u009b').replace('\\r', '\r').replace('\\u202e', '\u202e');
    const report = {
      scenario: 'x',
      title: bare,
      playbook: null,
      team: { journal: 0 },
      seed: 1,
      verdict: 'FAIL',
      targetMs: 300_000,
      impactStartMs: 1000,
      detectMs: null,
      detectedBy: null,
      declaredBeforeImpactMs: null,
      mitigateMs: null,
      recoverMs: null,
      endMs: 7_200_000,
      endReason: 'horizon',
      score: 10,
      penalties: [{ id: 'recovery', points: 50, explain: bare }],
      reasons: [bare],
      missingGuardrails: [bare],
      counts: { unstableStates: [], unnecessaryRollbacks: [], sideEffects: [], raw: { failedRequests: 0, badResponses: 0, slowResponses: 0, usersAffected: 0, userMinutes: 0 } },
      actions: [{ id: 1, atMs: 0, by: bare, command: bare, status: 'done', endMs: 1, reason: null }],
      timeline: [{ tMs: 0, kind: 'note', text: bare }],
      versions: { firedrill: 'test', scenario: 'x', playbook: null },
      playbookRun: null,
    } as unknown as Report;
    expect(raw(reportText(report, bare))).toEqual([]);
    expect(raw(reportJson(report))).toEqual([]);
    expect(JSON.parse(reportJson(report)).title).toBe(bare);
    const lines = debriefLines({ meta: { ...s.meta, title: bare, lesson: bare }, result: report as never, hints: [{ index: 0, tMs: 0, by: bare, text: bare }], injects: [] });
    expect(raw(lines.join('\n'))).toEqual([]);
    expect(inertJson(JSON.stringify(inertStrings(bare)))).not.toContain('\u202e');
    const annotation = workflowCommand('error', { file: 'x.yaml', title: bare }, `${bare}\n::set-env name=X::1`);
    expect(raw(annotation)).toEqual([]);
    expect(annotation.split('\n')).toHaveLength(1);
  });
});
