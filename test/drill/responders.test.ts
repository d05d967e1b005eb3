import { describe, expect, it } from 'vitest';
import { parseCommand, type Command } from '../../src/core/commands.js';
import { Rng } from '../../src/core/random.js';
import { World } from '../../src/core/world.js';
import { drillPlaybook } from '../../src/drill/playbook-runner.js';
import { acknowledgeMs, drawResponder, isDestructive, readingMs, RESPONDERS, typingMs } from '../../src/drill/responders.js';
import { byHand } from '../../src/formats/playbook.js';
import { playbook, scenario } from '../helpers.js';

const cmd = (text: string): Command => {
  const c = parseCommand(text);
  if ('error' in c) throw new Error(c.error);
  return c;
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('people carrying out a playbook', () => {
  it('answer a page within the response time people on call are held to', () => {
    const rng = new Rng('ack');
    const waits = Array.from({ length: 2000 }, () => acknowledgeMs(rng));
    expect(Math.max(...waits)).toBeLessThanOrEqual(RESPONDERS.acknowledgeWithinMs);
    expect(median(waits)).toBeGreaterThan(120_000);
    expect(median(waits)).toBeLessThan(180_000);
  });

  it('read and type at the published speeds: a 238-word page in a minute, 52 words of five letters in a minute', () => {
    const average = { readingWpm: 238, typingWpm: 52 };
    expect(readingMs(average, 'word '.repeat(238))).toBe(60_000);
    expect(typingMs(average, 'x'.repeat(260))).toBe(60_000);
    const rng = new Rng('people');
    const people = Array.from({ length: 2000 }, () => drawResponder(rng));
    expect(median(people.map((p) => p.readingWpm))).toBeGreaterThan(225);
    expect(median(people.map((p) => p.readingWpm))).toBeLessThan(250);
    expect(Math.min(...people.map((p) => p.typingWpm))).toBeGreaterThanOrEqual(RESPONDERS.typingWpm.min);
  });

  it('ask a second person to approve what can lose data or take capacity away at once, and nothing else', () => {
    const world = new World(scenario('payment-schema-rollback').spec, 1);
    for (const text of ['rollback-release --max-unavailable 25%', 'migrate payments-db 2.14', 'rollback payments-db', 'rollback payment-api --strategy recreate', 'scale payment-api 150', 'restore payments-db']) {
      expect(isDestructive(world, cmd(text)), text).toBe(true);
    }
    for (const text of ['rollback payment-api', 'inspect payments-db', 'declare', 'deploy payment-api 2.15']) expect(isDestructive(world, cmd(text)), text).toBe(false);
  });

  it('take minutes where the automated playbook takes seconds: the first incident by hand, seeds 1-20', () => {
    const s = scenario('payment-schema-rollback');
    const automated = playbook(s.meta.playbooks.reference);
    const people = byHand(automated);
    const byMachine: number[] = [];
    const byPeople: number[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const machine = drillPlaybook(s, automated, seed).session.result();
      const { session, run } = drillPlaybook(s, people, seed);
      const hand = session.result();
      expect(hand.recoverMs, `seed ${seed}`).not.toBeNull();
      expect(hand.recoverMs!, `seed ${seed}`).toBeGreaterThan(machine.recoverMs!);
      byMachine.push(machine.recoverMs!);
      byPeople.push(hand.recoverMs!);
      const log = run.log.map((l) => l.text).join('\n');
      expect(log).toMatch(/page acknowledged after \d+:\d\d/);
      expect(log).toMatch(/approved after \d+:\d\d: rollback-release --max-unavailable 25%/);
      expect(session.drill.actions.records.every((r) => r.by === 'responder running human:unified-release-rollback')).toBe(true);
    }
    expect(median(byMachine)).toBeLessThan(180_000);
    expect(median(byPeople)).toBeGreaterThan(median(byMachine) + 3 * 60_000);
  }, 60_000);

  it('leave an automated run exactly as it was: their random draws come from a stream of their own', () => {
    const s = scenario('payment-schema-rollback');
    const p = playbook(s.meta.playbooks.reference);
    const once = drillPlaybook(s, p, 4).session.result();
    drillPlaybook(s, byHand(p), 4);
    expect(drillPlaybook(s, p, 4).session.result()).toEqual(once);
  });
});
