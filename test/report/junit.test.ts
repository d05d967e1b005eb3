import { DOMParser, type Document } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { junitXml } from '../../src/report/junit.js';
import type { SweepParts } from '../../src/report/sweep/reader.js';
import { junit10Problems } from './junit-10.js';
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
  const gone = caseInfo({ scenario: 'data-gone', expectedMiss: { reason: 'the backups are gone', listedAt: 'firedrill.config.yaml:4' } });
  const lucky = caseInfo({ scenario: 'lucky', expectedMiss: { reason: 'thought flaky', listedAt: 'firedrill.config.yaml:7' } });
  const h = header([a, b, gone, lucky], { first: 1, last: 3 }, {
    skipped: [{ scenario: 'other', scenarioRef: 'scenarios/other.yaml', playbook: 'unified', lacks: ['metric sycophancy'], problems: ["p.yaml:3:5: unknown metric 'sycophancy'"] }],
  });
  const drills = [
    record(a, 1, 60_000),
    record(a, 2, null),
    record(a, 3, 400_000),
    ...[1, 2, 3].map((s) => record(b, s, 90_000)),
    ...[1, 2, 3].map((s) => record(gone, s, null)),
    record(lucky, 1, null),
    record(lucky, 2, 90_000),
    record(lucky, 3, null),
  ];
  const p = parts(h, drills);
  const doc = parse([...junitXml(p, drills)].join(''));
  const suites = Array.from(doc.getElementsByTagName('testsuite'));

  it('keeps to the elements and attributes junit-10.xsd allows, for every kind of outcome', () => {
    expect(junit10Problems(doc.documentElement!)).toEqual([]);
    const stopped: SweepParts = { ...p, summary: { ...p.summary, status: 'interrupted', interrupted: { planned: 30, signal: 'SIGINT' } } };
    const interrupted = parse([...junitXml(stopped, drills)].join(''));
    expect(junit10Problems(interrupted.documentElement!)).toEqual([]);
    expect(interrupted.getElementsByTagName('error')[0]!.getAttribute('message')).toBe('interrupted by SIGINT after 12 of 30 drills');
  });

  it('gives no time anywhere: simulated time is not run time, and a wall-clock time would change the file', () => {
    expect(Array.from(doc.getElementsByTagName('*')).filter((e) => e.hasAttribute('time'))).toEqual([]);
  });

  it('puts the simulated detect, mitigate and recover times in each suite\'s properties and each miss\'s message', () => {
    const props = Object.fromEntries(Array.from(suites[0]!.getElementsByTagName('property')).map((e) => [e.getAttribute('name'), e.getAttribute('value')]));
    expect(props).toMatchObject({ 'simulated.detect.p50': '1:00', 'simulated.recover.p50': '6:40', 'simulated.recover.max': 'never', status: 'failed', target: '5:00' });
    const failure = suites[0]!.getElementsByTagName('failure')[0]!;
    expect(failure.getAttribute('message')).toBe('not recovered (target 5:00); simulated detect 1:00, mitigate never, recover never');
    expect(failure.textContent).toContain('- not recovered after 1:59:00');
    expect(failure.textContent).toContain('replay: firedrill run scenarios/db-rollback.yaml --playbook unified --seed 2');
  });

  it('counts only what fails the run as failures: an expected miss is skipped with its reason, an expected miss that passed fails', () => {
    const root = doc.documentElement!;
    expect([root.getAttribute('tests'), root.getAttribute('failures'), root.getAttribute('errors')]).toEqual(['13', '3', '0']);
    expect(root.hasAttribute('skipped')).toBe(false);
    expect(suites.map((s) => [s.getAttribute('tests'), s.getAttribute('failures'), s.getAttribute('skipped')])).toEqual([
      ['3', '2', '0'],
      ['3', '0', '0'],
      ['3', '0', '3'],
      ['3', '1', '2'],
      ['1', '0', '1'],
    ]);
    const skipped = suites[2]!.getElementsByTagName('skipped')[0]!;
    expect(skipped.getAttribute('message')).toBe('expected miss: the backups are gone');
    expect(skipped.textContent).toContain('listed in firedrill.config.yaml:4');
    const unexpected = suites[3]!.getElementsByTagName('failure')[0]!;
    expect(unexpected.getAttribute('type')).toBe('unexpected-pass');
    expect(unexpected.getAttribute('message')).toBe('listed as an expected miss (thought flaky), but the drill met its target: remove it from firedrill.config.yaml:7');
  });

  it('has one testcase per scenario, playbook and seed, names escaped', () => {
    const names = Array.from(doc.getElementsByTagName('testcase')).map((t) => `${t.getAttribute('classname')} / ${t.getAttribute('name')}`);
    expect(names).toContain('firedrill.db-rollback / unified seed 2');
    expect(names).toContain('firedrill.quality<drop> / p"q seed 3');
  });

  it('names a single drill after its playbook alone', () => {
    const one = header([a], { first: 4, last: 4 });
    const d = [record(a, 4, 60_000)];
    const single = parse([...junitXml(parts(one, d), d)].join(''));
    expect(single.getElementsByTagName('testcase')[0]!.getAttribute('name')).toBe('unified');
  });
});
