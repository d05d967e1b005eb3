import { describe, expect, it } from 'vitest';
import type { ActionRecord } from '../../src/core/actions/action.js';
import { replay } from '../../src/drill/replay.js';
import { Session } from '../../src/drill/session.js';
import { scenario } from '../helpers.js';

/** Latency climbs from 1:00 on the live environment; `switch stable blue` fixes it; it has an inject and three hints. */
const ID = 'latency-spike';
const SEED = 4;
const resultJson = (s: Session): string => JSON.stringify(s.result());

function session(): Session {
  return new Session(scenario(ID), SEED);
}

describe('a session', () => {
  it('journals only the commands the drill accepts; refused ones leave no trace, so the replay comes to the same drill', () => {
    const tried = session();
    const clean = session();
    for (const s of [tried, clean]) s.advance(150_250);
    expect(tried.submit('frobnicate blue', 'alice')).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^unknown command 'frobnicate'/) });
    expect(tried.submit('switch stable blue --force', 'alice')).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^switch has no option --force/) });
    expect(tried.submit('   ', 'alice')).toMatchObject({ status: 'rejected', reason: 'empty command' });
    expect(tried.journal).toEqual([]);
    for (const s of [tried, clean]) {
      expect(s.submit('switch stable blue', 'alice').status).toBe('running');
      s.drill.runToEnd();
    }
    expect(tried.journal).toEqual([{ atMs: 150_250, kind: 'command', by: 'alice', command: 'switch stable blue' }]);
    expect(resultJson(tried)).toBe(resultJson(clean));
    expect(resultJson(replay(scenario(ID), SEED, tried.journal))).toBe(resultJson(tried));
  });

  it('refuses commands and injects after the end with a message, never an error, and journals nothing more', () => {
    const s = session();
    s.drill.runToEnd();
    const journaled = s.journal.length;
    expect(s.submit('switch stable blue', 'alice')).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^the drill has ended \(.* at [\d:]+\): nothing more can be done in it$/) });
    expect(s.inject('flash-sale')).toMatch(/^the drill has ended/);
    expect(s.queue('switch stable blue', 'alice')).toMatch(/^the drill has ended/);
    expect(s.queueInject('flash-sale')).toMatch(/^the drill has ended/);
    s.note('too late', 'bob');
    s.revealHint(0, 'facilitator');
    expect(s.journal).toHaveLength(journaled);
  });

  it('says which inject it does not know, with the nearest one', () => {
    expect(session().inject('flash-sail')).toBe("unknown inject 'flash-sail'; did you mean 'flash-sale'?");
  });

  it('ends when the facilitator ends it: the clock stops, and a drill that had not recovered is a FAIL', () => {
    const s = session();
    s.advance(100_000);
    s.end('facilitator');
    s.advance(60_000);
    expect(s.now).toBe(100_000);
    const r = s.result();
    expect(r.endReason).toBe('ended');
    expect(r.verdict).toBe('FAIL');
    expect(r.reasons[0]).toBe('facilitator ended the drill at 1:40, before it recovered');
    expect(r.timeline.at(-1)).toEqual({ tMs: 100_000, kind: 'end', text: 'facilitator ended the drill' });
    expect(s.journal).toEqual([{ atMs: 100_000, kind: 'end', by: 'facilitator' }]);
  });

  it('calls a drill ended before anything went wrong a FAIL too: it did not run its course', () => {
    const s = session();
    s.advance(10_000);
    s.end('facilitator');
    expect(s.result()).toMatchObject({ verdict: 'FAIL', impactStartMs: null, reasons: ['facilitator ended the drill at 0:10, before it recovered', 'no user-facing SLO had broken by then'] });
  });

  it('applies queued input at the next whole second, right after its tick, as a replay does', () => {
    const s = session();
    const records: ActionRecord[] = [];
    s.advance(12_400);
    expect(s.queue('declare', 'alice', (r) => records.push(r))).toBeUndefined();
    expect(s.pending).toHaveLength(1);
    s.advance(600);
    expect(records.map((r) => [r.startMs, r.status])).toEqual([[13_000, 'done']]);
    expect(s.pending).toHaveLength(0);
    // At a whole second its tick has run: the next second is the next one.
    s.queue('switch stable blue', 'alice', (r) => records.push(r));
    s.advance(999);
    expect(records).toHaveLength(1);
    s.advance(1);
    expect(records[1]!.startMs).toBe(14_000);
    s.drill.runToEnd();
    expect(s.journal.map((e) => e.atMs)).toEqual([13_000, 14_000]);
    const again = replay(scenario(ID), SEED, s.journal);
    expect(again.result().actions.map((a) => a.atMs)).toEqual([13_000, 14_000]);
    expect(resultJson(again)).toBe(resultJson(s));
  });

  it('tells queued input the drill ended before its second came', () => {
    const s = session();
    const told: unknown[] = [];
    s.advance(12_400);
    s.queue('declare', 'alice', (r) => told.push(r));
    s.queueInject('flash-sale', 'facilitator', (r) => told.push(r));
    s.end('facilitator');
    expect(told).toEqual([expect.objectContaining({ status: 'rejected', reason: expect.stringMatching(/^the drill has ended \(facilitator ended it at 0:12\)/) }), expect.stringMatching(/^the drill has ended/)]);
    expect(s.journal.map((e) => e.kind)).toEqual(['end']);
  });

  it('keeps hints and notes out of the verdict and the score, and shows them in the timeline', () => {
    const quiet = session();
    const talkative = session();
    for (const s of [quiet, talkative]) {
      s.advance(140_000);
      s.queue('switch stable blue', 'alice');
    }
    talkative.revealHint(2, 'facilitator');
    talkative.note('p99 is climbing on green', 'bob');
    for (const s of [quiet, talkative]) s.drill.runToEnd();
    const { timeline: said, ...withNotes } = talkative.result();
    const { timeline: plain, ...without } = quiet.result();
    expect(withNotes).toEqual(without);
    expect(said.filter((e) => e.kind !== 'hint' && e.kind !== 'note')).toEqual(plain);
    expect(said.filter((e) => e.kind === 'hint' || e.kind === 'note')).toEqual([
      { tMs: 140_000, kind: 'hint', text: `facilitator revealed hint 3: ${scenario(ID).meta.hints[2]!.text}` },
      { tMs: 140_000, kind: 'note', text: 'bob: p99 is climbing on green' },
    ]);
  });

  it('replays a journal of commands, an inject, a hint, a note and the end to the identical result', () => {
    for (const endAtMs of [200_000, 200_500]) {
      const s = session();
      s.advance(12_400);
      s.queueInject('flash-sale');
      s.advance(100_000);
      s.revealHint(0, 'facilitator');
      s.queue('declare', 'alice');
      s.advance(30_000);
      s.note('switching to blue', 'bob');
      s.queue('switch stable blue', 'bob');
      s.advance(endAtMs - s.now);
      s.end('facilitator');
      expect(s.journal.map((e) => e.kind)).toEqual(['inject', 'hint', 'command', 'note', 'command', 'end']);
      const again = replay(scenario(ID), SEED, s.journal);
      expect(again.journal).toEqual(s.journal);
      expect(resultJson(again)).toBe(resultJson(s));
    }
  });

  it('replays an abort of a rollout in flight to the identical result', () => {
    const s = new Session(scenario('payment-schema-rollback'), 1);
    s.advance(10_000);
    expect(s.submit('rollback payment-api --max-unavailable 25%', 'alice').status).toBe('running');
    s.advance(40_000);
    expect(s.submit('abort #1', 'bob').status).toBe('running');
    s.drill.runToEnd();
    expect(s.journal.map((e) => (e.kind === 'command' ? e.command : e.kind))).toEqual(['rollback payment-api --max-unavailable 25%', 'abort #1']);
    const r = s.result();
    expect(r.actions.map((a) => `${a.by} ${a.status}`)).toEqual(['alice aborted', 'bob done']);
    expect(resultJson(replay(scenario('payment-schema-rollback'), 1, s.journal))).toBe(resultJson(s));
  });
});
