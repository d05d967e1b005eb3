import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Drill } from '../../src/core/drill.js';
import { LogLimits, MAX_LOG_ENTRIES, MAX_REPEATS, type LogEntry } from '../../src/core/log.js';
import { drillResult } from '../../src/core/result.js';
import { loadScenario } from '../../src/formats/scenario.js';
import { SCENARIOS } from '../helpers.js';

function edited(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

/** An alert on a one-second window over an error rate that sits on its threshold: it flaps all the time. */
function flapping(horizon: string): Drill {
  let text = readFileSync(join(SCENARIOS, 'transient-spike.yaml'), 'utf8');
  text = edited(text, '{ id: search-errors, metric: errorRate, above: 0.008, window: 5m, longWindow: 1h }', '{ id: search-errors, metric: errorRate, above: 0.03, window: 1s }');
  text = edited(text, 'effect: { errorRate: 0.12 }\n      explain: "an upstream', 'effect: { errorRate: 0.03 }\n      explain: "an upstream');
  text = edited(text, '    for: 75s\n', '');
  text = edited(text, 'playbooks: { naive', `horizon: ${horizon}\nplaybooks: { naive`);
  return new Drill(loadScenario(text, 'flapping.yaml').spec, 1);
}

describe('a drill log', () => {
  it('stays bounded over a long drill of a flapping alert, and its timeline counts what it did not keep', () => {
    const drill = flapping('3d');
    drill.runToEnd();
    const log = drill.world.log;
    const alerts = log.filter((e) => e.kind === 'alert').length;
    expect(alerts).toBe(MAX_REPEATS);
    expect(log.length).toBeLessThan(4 * MAX_REPEATS);
    const timeline = drillResult(drill, []).timeline;
    const summary = timeline.find((e) => / more times from /.test(e.text))!;
    expect(summary.text).toMatch(/^alert search-errors: errorRate > 0\.03 over 1s \(and \d+ more times from \d+:\d\d to 7\d:\d\d:\d\d, counted, not listed\)$/);
    expect(timeline.map((e) => e.tMs)).toEqual([...timeline.map((e) => e.tMs)].sort((a, b) => a - b));
  });

  it('keeps the first entries of each kind and text, and counts the rest', () => {
    const limits = new LogLimits();
    const log: LogEntry[] = [];
    for (let t = 0; t < MAX_REPEATS + 5; t++) {
      const entry: LogEntry = { tMs: t * 1000, kind: 'alert', text: 'alert x' };
      if (limits.admit(log, entry)) log.push(entry);
    }
    expect(log.length).toBe(MAX_REPEATS);
    expect([...limits.repeats.values()]).toEqual([{ kind: 'alert', text: 'alert x', count: 5, firstMs: MAX_REPEATS * 1000, lastMs: (MAX_REPEATS + 4) * 1000 }]);
  });

  it('keeps at most its limit of entries in all, counting the rest by kind', () => {
    const limits = new LogLimits();
    const log: LogEntry[] = [];
    for (let i = 0; i < MAX_LOG_ENTRIES + 3; i++) {
      const entry: LogEntry = { tMs: i, kind: 'pods', text: `pods ${i}` };
      if (limits.admit(log, entry)) log.push(entry);
    }
    expect(log.length).toBe(MAX_LOG_ENTRIES);
    expect(limits.dropped.get('pods')).toBe(3);
  });

  it('counts again when a rejected command takes its entry back', () => {
    const limits = new LogLimits();
    const log: LogEntry[] = [];
    const entry: LogEntry = { tMs: 0, kind: 'action', text: 'team: rollback x' };
    for (let i = 0; i < MAX_REPEATS; i++) {
      expect(limits.admit(log, entry)).toBe(true);
      log.push(entry);
      log.length -= 1;
    }
    expect(limits.admit(log, entry)).toBe(true);
  });
});
