import { describe, expect, it } from 'vitest';
import { drillPlaybook } from '../../src/drill/playbook-runner.js';
import { reportText } from '../../src/report/text.js';
import { drill, playbook, scenario } from '../helpers.js';

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
