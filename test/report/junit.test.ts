import { DOMParser, type Document } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { junitXml } from '../../src/report/junit.js';
import { caseInfo, header, parts, record } from './sweep-fixtures.js';

function parse(xml: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => void errors.push(`${level}: ${msg}`) }).parseFromString(xml, 'text/xml');
  expect(errors).toEqual([]);
  return doc;
}

describe('JUnit XML', () => {
  const a = caseInfo();
  const b = caseInfo({ scenario: 'quality<drop>', title: 'Q & A', playbook: 'p"q', playbookRef: 'playbooks/p q.yaml' });
  const h = header([a, b], { first: 1, last: 3 }, {
    skipped: [{ scenario: 'other', scenarioRef: 'scenarios/other.yaml', playbook: 'unified', lacks: ['metric sycophancy'], problems: ["p.yaml:3:5: unknown metric 'sycophancy'"] }],
  });
  const drills = [record(a, 1, 60_000), record(a, 2, null), record(a, 3, 400_000), record(b, 1, 90_000), record(b, 2, 90_000), record(b, 3, 90_000)];
  const xml = [...junitXml(parts(h, drills), drills)].join('');
  const doc = parse(xml);

  it('parses, with the counts of the run on the root and on each suite', () => {
    const root = doc.documentElement!;
    expect(root.tagName).toBe('testsuites');
    expect(root.getAttribute('tests')).toBe('7');
    expect(root.getAttribute('failures')).toBe('2');
    expect(root.getAttribute('skipped')).toBe('1');
    const suites = Array.from(doc.getElementsByTagName('testsuite'));
    expect(suites.map((s) => [s.getAttribute('tests'), s.getAttribute('failures'), s.getAttribute('skipped')])).toEqual([
      ['3', '2', '0'],
      ['3', '0', '0'],
      ['1', '0', '1'],
    ]);
    expect(doc.getElementsByTagName('testcase').length).toBe(7);
  });

  it('has one testcase per scenario, playbook and seed, names escaped', () => {
    const names = Array.from(doc.getElementsByTagName('testcase')).map((t) => `${t.getAttribute('classname')} / ${t.getAttribute('name')}`);
    expect(names).toContain('firedrill.db-rollback / unified seed 2');
    expect(names).toContain('firedrill.quality<drop> / p"q seed 3');
  });

  it('gives each miss its reason and the command that replays it', () => {
    const failures = Array.from(doc.getElementsByTagName('failure'));
    expect(failures).toHaveLength(2);
    expect(failures[0]!.getAttribute('message')).toBe('not recovered (target 5:00)');
    expect(failures[0]!.textContent).toContain('- not recovered after 1:59:00');
    expect(failures[0]!.textContent).toContain('replay: firedrill run scenarios/db-rollback.yaml --playbook unified --seed 2');
    expect(failures[1]!.getAttribute('message')).toBe('recovered in 6:40 (target 5:00)');
  });

  it('uses the simulated time to recover as the testcase time, so the file is the same on any machine', () => {
    const times = Array.from(doc.getElementsByTagName('testcase')).slice(0, 3).map((t) => t.getAttribute('time'));
    expect(times).toEqual(['60.000', '0.000', '400.000']);
  });

  it('names a single drill after its playbook alone', () => {
    const one = header([a], { first: 4, last: 4 });
    const d = [record(a, 4, 60_000)];
    const single = parse([...junitXml(parts(one, d), d)].join(''));
    expect(single.getElementsByTagName('testcase')[0]!.getAttribute('name')).toBe('unified');
  });
});
