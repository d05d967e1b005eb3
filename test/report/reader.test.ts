import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/formats/source.js';
import { readSweepDrills, readSweepParts } from '../../src/report/sweep/reader.js';
import { caseInfo, documentText, header, record } from './sweep-fixtures.js';

const lines = (text: string): string[] => text.replace(/\n$/, '').split('\n');

describe('the result document', () => {
  const c = caseInfo();
  const h = header([c], { first: 1, last: 3 });
  const drills = [1, 2, 3].map((s) => record(c, s, s * 60_000));
  const text = documentText(h, drills);

  it('is one JSON document holding header, drills, summary and details', () => {
    const doc = JSON.parse(text);
    expect(doc.header).toEqual(h);
    expect(doc.drills).toEqual(drills);
    expect(doc.summary.drills).toBe(3);
    expect(doc.details).toEqual([]);
  });

  it('puts one drill on each line, so it streams', () => {
    const ls = lines(text);
    expect(ls[1]).toBe('"drills":[');
    expect(JSON.parse(ls[2]!.replace(/,$/, ''))).toEqual(drills[0]);
    expect(ls[4]).toBe(JSON.stringify(drills[2]));
  });

  it('reads back the drills in order, and the parts around them', () => {
    expect([...readSweepDrills(lines(text), 'r.json')]).toEqual(drills);
    const parts = readSweepParts(lines(text), 'r.json');
    expect(parts.header).toEqual(h);
    expect(parts.summary.cases[0]!.passed).toBe(3);
  });

  it('is valid with no drills at all', () => {
    const empty = documentText(h, []);
    expect(JSON.parse(empty).drills).toEqual([]);
    expect([...readSweepDrills(lines(empty), 'r.json')]).toEqual([]);
  });

  it('names the file and line of what it cannot read', () => {
    const broken = lines(text);
    broken[3] = '{"scenario": 1}';
    const read = (): unknown => [...readSweepDrills(broken, 'shard.json')];
    expect(read).toThrow(InputError);
    expect(read).toThrow(/^shard\.json:4:1: expected a drill/);
    expect(() => readSweepParts(['{"header":{"format":"other"},'], 'x.json')).toThrow(/x\.json:1:1: header\.format/);
    expect(() => readSweepParts(lines(text).slice(0, 3), 'cut.json')).toThrow(/cut\.json:4:1: the file ends early/);
    expect(() => readSweepParts(['not json at all'], 'n.json')).toThrow(/n\.json:1:1: expected \{"header"/);
  });
});
