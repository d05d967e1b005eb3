import { describe, expect, it } from 'vitest';
import { formatClock } from '../../src/core/monitors.js';
import { alignPlays } from '../../src/report/best-play.js';
import { debriefLines } from '../../src/report/debrief.js';
import { Tabletop } from '../../src/drill/tabletop.js';
import { drillPlaybook } from '../../src/drill/playbook-runner.js';
import { playbook, scenario } from '../helpers.js';

function teamDrill() {
  const s = scenario('payment-schema-rollback');
  const t = new Tabletop({ scenario: s, seed: 1, mode: 'team' });
  t.session.advance(140_000);
  t.enter('@alice rollback payment-api --strategy recreate');
  t.session.advance(30_000);
  t.enter('@bob inspect payment-api');
  t.revealHint('facilitator');
  t.session.drill.runToEnd();
  const best = drillPlaybook(s, playbook(s.meta.playbooks.reference), 1).session.result();
  return { s, t, best };
}

describe('the debrief', () => {
  it('reads the verdict, the times against the best play, who did what, the hints and the lesson from the drill', () => {
    const { s, t, best } = teamDrill();
    const result = t.session.result();
    const lines = debriefLines({
      meta: s.meta,
      result,
      reference: { name: 'unified-release-rollback', result: best },
      hints: t.hintsRevealed.map((h) => ({ ...h, text: 'hint text' })),
      injects: [],
      journalPath: 'j.jsonl',
    });
    const text = lines.join('\n');
    expect(lines[0]).toMatch(/^FAIL ✗ {2}not recovered \(target 5:00\) {3}score \d+\/100$/);
    expect(text).toMatch(/  recover \(after detection\) +never +\d:\d\d/);
    expect(text).toContain('best play: unified-release-rollback on the same seed: PASS');
    expect(text).toMatch(/ {2}alice\n {4} +2:2\d {2}rollback payment-api --strategy recreate {2}→ failed: rollout of payment-api to 2.14 stalled/);
    expect(text).toMatch(/ {2}bob\n {4} +2:5\d {2}inspect payment-api/);
    expect(text).toContain('CrashLoopBackOff');
    expect(text).toContain('Hints used: 1');
    expect(text).toContain(s.meta.source.incident);
    expect(lines.slice(-5)).toEqual(['The journal and the reports', '  j.jsonl', '', 'Replay it, checking it comes to the same result:', '    firedrill replay j.jsonl --verify']);
  });

  it('says which command was aborted, by whom, and what the world did about it', () => {
    const s = scenario('payment-schema-rollback');
    const t = new Tabletop({ scenario: s, seed: 1, mode: 'team' });
    t.session.advance(20_000);
    t.enter('@alice rollback payment-api --max-unavailable 25%');
    t.session.advance(40_000);
    t.enter('@bob abort');
    t.session.advance(120_000);
    t.endByFacilitator('facilitator');
    const text = debriefLines({ meta: s.meta, result: t.session.result(), hints: [], injects: [], endedBy: 'facilitator' }).join('\n');
    expect(text).toMatch(/ {2}alice\n {4} +0:20 {2}rollback payment-api --max-unavailable 25% {2}→ aborted: by bob \(abort at 1:00\)/);
    expect(text).toMatch(/ {2}bob\n {4} +1:00 {2}abort {2}→ done/);
    expect(text).toMatch(/- rollback payment-api --max-unavailable 25% was aborted at 1:05 by bob \(abort at 1:00\), 0:45 after it began/);
    expect(text).toMatch(/1:05 {2}aborted {7}rollback payment-api --max-unavailable 25% aborted by bob \(abort at 1:00\)/);
    expect(text).toMatch(/pods {10}payment-api: rollout of main to 2\.14 aborted: \d+ of its pods not ready removed at once, back to 2\.15/);
  });

  it('says what the recovery time counts from, and where the timeline’s recover falls', () => {
    const s = scenario('payment-schema-rollback');
    const result = drillPlaybook(s, playbook(s.meta.playbooks.reference), 1).session.result();
    const lines = debriefLines({ meta: s.meta, result, hints: [], injects: [] });
    expect(lines[0]).toBe(`PASS ✓  recovered 2:34 after detection (target 5:00)   score ${result.score}/100`);
    const recover = result.timeline.find((e) => e.kind === 'recover')!;
    // Detection at impact + detect; the SLOs back 2:34 later; the timeline's recover a settle window after that.
    const back = result.impactStartMs! + result.detectMs! + result.recoverMs!;
    expect(recover.tMs).toBeGreaterThan(back);
    expect(lines).toContain(`  on the drill's clock: SLOs back at ${formatClock(back)}, held to ${formatClock(recover.tMs)}`);
  });

  it('puts the replay command on a line of its own, quoted for a shell where the path needs it', () => {
    const { s, t } = teamDrill();
    const lines = debriefLines({ meta: s.meta, result: t.session.result(), hints: [], injects: [], journalPath: 'my drills/j.jsonl', reportPaths: ['my drills/j-report.json'] });
    expect(lines.at(-1)).toBe("    firedrill replay 'my drills/j.jsonl' --verify");
    expect(lines.filter((l) => l.includes('firedrill '))).toHaveLength(1);
  });

  it('says an action the team’s own later command replaced was superseded by it, not that it failed, and the penalty agrees', () => {
    const s = scenario('payment-schema-rollback');
    const t = new Tabletop({ scenario: s, seed: 1, mode: 'team' });
    t.session.advance(140_000);
    t.enter('@alice rollback payment-api --strategy recreate');
    t.session.advance(30_000);
    t.enter('@bob deploy payment-api 2.15');
    t.session.drill.runToEnd();
    const result = t.session.result();
    const [rollback, deploy] = result.actions;
    expect(rollback!.supersededBy).toBe(deploy!.id);
    const text = debriefLines({ meta: s.meta, result, hints: [], injects: [] }).join('\n');
    expect(text).toMatch(new RegExp(` {2}alice\\n {4} +2:2\\d {2}rollback payment-api --strategy recreate {2}→ superseded by deploy payment-api 2\\.15 \\(${formatClock(deploy!.atMs)}, bob\\)\\n`));
    expect(text).not.toMatch(/rollback payment-api --strategy recreate {2}→ failed/);
    expect(result.reasons).toContain(`rollback payment-api --strategy recreate was superseded by deploy payment-api 2.15 at ${formatClock(deploy!.atMs)} before it finished`);
    expect(result.penalties.find((p) => p.id === 'failed-actions')!.explain).toBe('2 actions did not complete: 1 failed, 1 superseded by a later command');
    expect(result.timeline.find((e) => e.kind === 'action-failed')!.text).toMatch(/^rollback payment-api --strategy recreate superseded by action 2 \(deploy\) before it finished: /);
  });

  it('sets the learner’s commands beside the best play’s, moment by moment', () => {
    const { t, best } = teamDrill();
    const rows = alignPlays(t.session.result(), best);
    expect(rows.map((r) => r.tMs)).toEqual([...rows.map((r) => r.tMs)].sort((a, b) => a - b));
    expect(rows.find((r) => r.you?.startsWith('rollback payment-api'))).toBeDefined();
    expect(rows.find((r) => r.best?.includes('rollback-release'))).toBeDefined();
    const recovered = rows.find((r) => r.best === '(recovered)')!;
    const detected = rows.find((r) => r.best === '(detected)')!;
    expect(recovered.tMs - detected.tMs).toBe(best.recoverMs);
    expect(rows.some((r) => r.you === '(recovered)')).toBe(false);
  });
});
