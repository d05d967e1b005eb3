import { describe, expect, it } from 'vitest';
import { Tabletop } from '../../src/drill/tabletop.js';
import { debriefLines } from '../../src/report/debrief.js';
import { buildReport, reportJson } from '../../src/report/report.js';
import { scoreLine } from '../../src/report/score-line.js';
import { reportText } from '../../src/report/text.js';
import { scenario } from '../helpers.js';

/** A tabletop of the first incident that the facilitator ends after `ms` of simulated time. */
function endedAt(ms: number) {
  const s = scenario('payment-schema-rollback');
  const t = new Tabletop({ scenario: s, seed: 1, mode: 'team' });
  t.session.advance(ms);
  t.endByFacilitator('facilitator');
  const result = t.session.result();
  const report = buildReport(t.session, { firedrill: 'test', scenario: s });
  const debrief = debriefLines({ meta: s.meta, result, hints: [], injects: [], endedBy: 'facilitator' });
  return { result, report, debrief, text: reportText(report, '') };
}

describe('a drill ended before the incident began', () => {
  const { report, debrief, text } = endedAt(4_000);

  it('is not scored in the debrief, the JSON report and the text report alike, and stays FAIL', () => {
    expect(debrief[0]).toBe('FAIL ✗  no SLO broken (target 5:00)   not scored: ended before the incident began   ended by facilitator');
    expect(debrief).toContain('  not scored: ended before the incident began: a score measures the team\'s response against what the incident cost, and there was no response yet to measure; the verdict stays FAIL');
    const json = JSON.parse(reportJson(report)) as Record<string, unknown>;
    expect(json).toMatchObject({ verdict: 'FAIL', score: null, notScored: 'ended before the incident began', penalties: [] });
    expect(Object.keys(json).slice(Object.keys(json).indexOf('score'), Object.keys(json).indexOf('score') + 3)).toEqual(['score', 'notScored', 'penalties']);
    expect(text.split('\n')[3]).toBe('FAIL  no SLO broken (target 5:00)   not scored: ended before the incident began');
    expect(text).not.toMatch(/score \d+\/100/);
  });
});

describe('a drill ended once the incident was detected', () => {
  it('keeps its score, the same number everywhere it is shown', () => {
    const { result, debrief, text, report } = endedAt(240_000);
    expect(result.score).not.toBeNull();
    expect(scoreLine(result)).toBe(`score ${result.score}/100`);
    expect(debrief[0]).toContain(`score ${result.score}/100`);
    expect(text).toContain(`score ${result.score}/100`);
    expect(report.score).toBe(result.score);
    expect('notScored' in report).toBe(false);
  });
});
