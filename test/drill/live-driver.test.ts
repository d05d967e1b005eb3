import { describe, expect, it } from 'vitest';
import { LiveDriver } from '../../src/drill/live-driver.js';
import { replay } from '../../src/drill/replay.js';
import { Session } from '../../src/drill/session.js';
import { scenario } from '../helpers.js';
import { FakeClock } from './fake-clock.js';

const ID = 'payment-schema-rollback';
/** When the team acts in every profile below: a whole simulated second every profile passes through. */
const ACT_AT_MS = 180_000;

interface Profile {
  name: string;
  speed: number;
  /** Wall-time moments at which the facilitator pauses for a while. */
  pauses: { atWallMs: number; forWallMs: number }[];
}

function drive(profile: Profile): { json: string; submittedAtMs: number; session: Session } {
  const clock = new FakeClock();
  const session = new Session(scenario(ID), 4);
  const driver = new LiveDriver(session, clock, profile.speed);
  let submittedAtMs = -1;
  driver.onFrame(() => {
    if (submittedAtMs < 0 && session.now === ACT_AT_MS) {
      submittedAtMs = session.now;
      driver.act((s) => s.submit('rollback-release --max-unavailable 25%', 'team'));
    }
  });
  driver.start();
  const pauses = [...profile.pauses];
  while (!session.done) {
    const p = pauses[0];
    if (p && clock.nowMs() + 100 > p.atWallMs) {
      pauses.shift();
      clock.advance(Math.max(0, p.atWallMs - clock.nowMs()));
      driver.pause();
      expect(clock.pending).toBe(0);
      clock.advance(p.forWallMs);
      driver.resume();
    }
    clock.advance(100);
  }
  return { json: JSON.stringify(session.result()), submittedAtMs, session };
}

describe('the live clock driver', () => {
  it('gives the same drill at 1x, at 60x and with pauses', () => {
    const profiles: Profile[] = [
      { name: '1x', speed: 1, pauses: [] },
      { name: '60x', speed: 60, pauses: [] },
      { name: '10x with pauses', speed: 10, pauses: [{ atWallMs: 3_350, forWallMs: 90_000 }, { atWallMs: 9_020, forWallMs: 5_000 }] },
    ];
    const runs = profiles.map(drive);
    for (const r of runs) expect(r.submittedAtMs).toBe(ACT_AT_MS);
    expect(runs[0]!.session.result().verdict).toBe('PASS');
    expect(runs[1]!.json).toBe(runs[0]!.json);
    expect(runs[2]!.json).toBe(runs[0]!.json);
  });

  it('stops only on whole simulated seconds, so a replay of its journal is the same drill', () => {
    const run = drive({ name: '30x', speed: 30, pauses: [{ atWallMs: 1_234, forWallMs: 777 }] });
    for (const e of run.session.journal) expect(e.atMs % 1000).toBe(0);
    const again = replay(scenario(ID), 4, run.session.journal);
    expect(JSON.stringify(again.result())).toBe(run.json);
  });

  it('runs no timer while paused, and follows wall time at the chosen speed', () => {
    const clock = new FakeClock();
    const session = new Session(scenario(ID), 1);
    const driver = new LiveDriver(session, clock, 5);
    driver.start();
    clock.advance(2_000);
    expect(session.now).toBe(10_000);
    driver.pause();
    expect(clock.pending).toBe(0);
    clock.advance(60_000);
    expect(session.now).toBe(10_000);
    driver.resume();
    driver.setSpeed(60);
    clock.advance(1_000);
    expect(session.now).toBe(70_000);
    driver.step(-1);
    expect(driver.speed).toBe(30);
  });
});
