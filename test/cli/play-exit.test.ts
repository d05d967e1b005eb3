import { describe, expect, it } from 'vitest';
import { endedLines, leftLines } from '../../src/cli/commands/play.js';
import { fitWidth } from '../../src/cli/fit-width.js';

const FOLDER = 'reports/2026-03-14-093012-payment-schema-rollback-seed-3';
const JOURNAL = `${FOLDER}/drill.jsonl`;

describe('what play leaves on the terminal', () => {
  it('wraps its sentences at 80 columns and keeps each path and the replay command whole on a line of its own', () => {
    const text = fitWidth(endedLines('PASS at 4:31', [JOURNAL, `${FOLDER}/drill-report.json`, `${FOLDER}/drill-debrief.md`], JOURNAL), 80);
    expect(text.split('\n')).toEqual([
      'firedrill: the drill ended with PASS at 4:31. The journal and the reports:',
      `  ${JOURNAL}`,
      `  ${FOLDER}/drill-report.json`,
      `  ${FOLDER}/drill-debrief.md`,
      'Replay it, checking it comes to the same result:',
      `  firedrill replay ${JOURNAL} --verify`,
      '',
    ]);
  });

  it('after a drill left early, names the journal and the command that replays it and runs it on', () => {
    const text = fitWidth(leftLines('2:10', 'my drills/j.jsonl'), 40);
    expect(text).toContain("\n  firedrill replay 'my drills/j.jsonl'\n");
    expect(text.split('\n')[0]!.length).toBeLessThanOrEqual(40);
  });
});
