import { describe, expect, it } from 'vitest';
import { formatClock } from '../../src/core/monitors.js';
import { reportText } from '../../src/report/text.js';
import { drill } from '../helpers.js';

describe('the text report', () => {
  it('calls a drill that broke no SLO so, beside the harm it did below them, and says when it was detected', () => {
    const r = drill('recommender-canary', 'canary-auto-rollback', 1);
    const detect = r.timeline.find((e) => e.kind === 'detect')!;
    const lines = reportText(r, 'firedrill run recommender-canary --playbook canary-auto-rollback --seed 1').split('\n');
    expect(lines[3]).toBe(`PASS  no SLO broken (target 5:00)   score ${r.score}/100`);
    expect(lines[4]).toBe(`  detected  at ${formatClock(detect.tMs)}, before any SLO broke (${r.detectedBy})`);
    expect(lines.join('\n')).not.toContain('no impact');
  });

  it('says what each time counts from, and when the SLOs came back on the drill’s clock', () => {
    const r = drill('payment-schema-rollback', 'unified-release-rollback', 1);
    const text = reportText(r, 'firedrill run x');
    const back = r.impactStartMs! + r.detectMs! + r.recoverMs!;
    const held = r.timeline.find((e) => e.kind === 'recover')!.tMs;
    expect(text).toContain(`PASS  recovered ${formatClock(r.recoverMs!)} after detection (target 5:00)`);
    expect(text).toContain(`\n  recovered ${formatClock(r.recoverMs!)} after detection: SLOs back at ${formatClock(back)}, held to ${formatClock(held)}\n`);
    expect(text).toContain(`\n  - recovered ${formatClock(r.recoverMs!)} after detection, inside the 5:00 target\n`);
  });

  it('counts in the number each count needs, and puts the replay command on a line of its own', () => {
    const r = drill('payment-schema-rollback', 'code-only-rollback', 1);
    r.counts.usersAffected = 1;
    r.counts.actionsTaken = 1;
    const text = reportText(r, 'firedrill run payment-schema-rollback --playbook code-only-rollback --seed 1');
    expect(text).toMatch(/^1 user affected, .*, 1 action$/m);
    expect(text.endsWith('replay it:\n  firedrill run payment-schema-rollback --playbook code-only-rollback --seed 1\n')).toBe(true);
  });
});
