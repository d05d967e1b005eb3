import { describe, expect, it } from 'vitest';
import { Tabletop } from '../../src/drill/tabletop.js';
import { curriculumOrder } from '../../src/formats/curriculum.js';
import { CURRICULUM_FILE, curriculumFromFile } from '../../src/cli/library.js';
import { playbook, scenario } from '../helpers.js';

/**
 * A trainer that rejects a valid fix is the worst bug it can have: every scenario of the
 * curriculum, drilled through the training path, is won by its reference playbook and lost by
 * doing nothing (except those no play can win, which are lost either way, and a spike that
 * heals by itself, where holding still is the play).
 */
const LOOKING = new Set(['declare', 'inspect', 'note', 'wait', 'verify']);
describe('training self-check', () => {
  const entries = curriculumOrder(curriculumFromFile(CURRICULUM_FILE));

  function train(id: string, withReference: boolean) {
    const s = scenario(id);
    const t = new Tabletop({ scenario: s, seed: 3, mode: 'training', ...(withReference ? { playbook: playbook(s.meta.playbooks.reference) } : {}) });
    t.session.drill.runToEnd();
    return t.session.result();
  }

  it.each(entries.map((e) => [e.scenario, e.doneWhen] as const))('%s: the reference playbook wins it in training and doing nothing does not', (id, doneWhen) => {
    const best = train(id, true);
    expect(best.verdict).toBe(doneWhen === 'passed' ? 'PASS' : 'FAIL');
    const holdsStill = best.actions.every((a) => LOOKING.has(a.command.split(' ')[0]!));
    expect(train(id, false).verdict).toBe(holdsStill ? best.verdict : 'FAIL');
  });

  it('has only one scenario where holding still is the play', () => {
    const still = entries.filter((e) => train(e.scenario, true).actions.every((a) => LOOKING.has(a.command.split(' ')[0]!)));
    expect(still.map((e) => e.scenario)).toEqual(['transient-spike']);
  });
});
