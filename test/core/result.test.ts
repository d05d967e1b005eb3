import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseWorld } from '../../src/drill/fuzz/base-world.js';
import { incidentScenario } from '../../src/drill/fuzz/incident.js';
import { MAX_POINTS } from '../../src/core/scoring.js';
import { drillPlaybook } from '../../src/drill/playbook-runner.js';
import { Session } from '../../src/drill/session.js';
import { reportText } from '../../src/report/text.js';
import { drillCase, runCase } from '../drill-cases.js';
import { drill, playbook, scenario } from '../helpers.js';

describe('the result of a drill the facilitator ended', () => {
  function endedAt(ms: number) {
    const s = scenario('payment-schema-rollback');
    const session = new Session(s, 1);
    session.advance(ms);
    session.end('facilitator');
    return session.result();
  }

  it('has no score and no penalties, and says why, when it ended before the incident began', () => {
    const r = endedAt(4_000);
    expect(r.impactStartMs).toBeNull();
    expect(r.verdict).toBe('FAIL');
    expect(r.score).toBeNull();
    expect(r.notScored).toBe('ended before the incident began');
    expect(r.penalties).toEqual([]);
    expect(r.reasons[0]).toBe('facilitator ended the drill at 0:04, before it recovered');
  });

  it('has no score when the incident had begun but nothing had detected it yet', () => {
    const r = endedAt(60_000);
    expect(r.impactStartMs).not.toBeNull();
    expect(r.detectMs).toBeNull();
    expect(r.score).toBeNull();
    expect(r.notScored).toBe('ended before the incident was detected');
  });

  it('is scored as it stands once detected: never recovered costs the most a recovery can', () => {
    const r = endedAt(240_000);
    expect(r.detectMs).not.toBeNull();
    expect(r.notScored).toBeUndefined();
    expect(r.score).toBeLessThanOrEqual(100 - MAX_POINTS.recovery);
    expect(r.penalties.find((p) => p.id === 'recovery')!.points).toBe(MAX_POINTS.recovery);
  });

  it('keeps the JSON of a scored result free of the field that says why there is none', () => {
    expect(Object.keys(endedAt(240_000))).not.toContain('notScored');
    expect(JSON.stringify(endedAt(4_000))).toContain('"score":null,"notScored":"ended before the incident began","penalties":[]');
  });
});

describe('the result of a drill declared before impact', () => {
  // The short-window playbook declares on a spike a second before the SLO's window breaks.
  const s = scenario('transient-spike');
  const { session } = drillPlaybook(s, playbook(s.meta.playbooks.naive), 1);
  const tracker = session.drill.tracker;
  const r = session.result();

  it('says the declaration came before impact, not that detection took no time after it', () => {
    expect(tracker.detectMs!).toBeLessThan(tracker.impactStartMs!);
    expect(r.declaredBeforeImpactMs).toBe(tracker.impactStartMs! - tracker.detectMs!);
    expect(r.detectMs).toBe(0);
    const text = reportText(drill('transient-spike', s.meta.playbooks.naive, 1), '');
    expect(text).toMatch(/detected {2}0:01 before impact \(declared by playbook/);
    expect(text).not.toMatch(/0:00 after impact/);
  });

  it('counts recovery from impact, never from before it', () => {
    expect(r.recoverMs).toBe(tracker.recoverMs! - tracker.impactStartMs!);
  });
});

/** Lines that say how a drill went without saying what in the world made it so. */
const SYMPTOMS = [/^recovered .* after (detection|impact began), over the .* target$/, /^not recovered after /, /^SLOs broken at the end: /, / took \d+:\d\d$/, / was still running at the end/, / failed: /, / was refused: /];
const causes = (reasons: readonly string[]): string[] => reasons.filter((r) => !SYMPTOMS.some((s) => s.test(r)));

describe('every FAIL', () => {
  it('names a cause read from the world, over the library and incidents nobody wrote', () => {
    fc.assert(
      fc.property(drillCase, (c) => {
        const r = runCase(c).result();
        if (r.verdict === 'FAIL') expect(causes(r.reasons), `${c.label}: ${r.reasons.join(' | ')}`).not.toEqual([]);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('says what kept a late recovery late: a traffic peak on a standby sized for the average', () => {
    // The latency spike's world with only a peak in it: 2.5 times the traffic for ten minutes,
    // met by a standby that still scales up from its reduced capacity.
    const s = scenario('latency-spike');
    const spiked = incidentScenario(baseWorld(s).scenario, { seed: 852693388, faults: [{ atMs: 596_000, type: 'traffic', factor: 2.5, forMs: 600_000 }] });
    const r = drillPlaybook(spiked, playbook(s.meta.playbooks.reference), 852693388).session.result();
    expect(r.verdict).toBe('FAIL');
    expect(causes(r.reasons)[0]).toMatch(/^more requests came than the ready pods could serve \(at worst \d+ a second against \d+, with traffic at 2\.5x its usual rate\): requests queued and were turned away, for \d+:\d\d in all after detection$/);
  });
});
