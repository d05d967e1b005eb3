import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { drillPlaybook } from '../../src/drill/playbook-runner.js';
import { LIBRARY } from '../drill-cases.js';
import { playbook, scenario, SEEDS } from '../helpers.js';

/**
 * The library's results, seeds 1-20, naive and reference playbooks: verdict, recovery time and
 * score of each drill, and a digest of its whole result. Work on speed or memory must leave
 * every line as it is. A change that alters results on purpose re-records the file in its own
 * commit, saying why: `npx vitest run test/drill/library-results.test.ts -u`.
 */
function resultLines(): string {
  const lines: string[] = [];
  for (const id of LIBRARY) {
    const s = scenario(id);
    for (const kind of ['naive', 'reference'] as const) {
      const p = playbook(s.meta.playbooks[kind]);
      for (const seed of SEEDS) {
        const r = drillPlaybook(s, p, seed).session.result();
        const digest = createHash('sha256').update(JSON.stringify(r)).digest('hex').slice(0, 16);
        lines.push(`${id} ${kind} seed ${seed}: ${r.verdict} recover ${r.recoverMs ?? '-'} score ${r.score} ${digest}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('the library’s results', () => {
  it('stay as recorded for every scenario, both playbooks, seeds 1-20', async () => {
    await expect(resultLines()).toMatchFileSnapshot('./library-results.txt');
  }, 300_000);
});
