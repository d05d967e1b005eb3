import { describe, expect, it } from 'vitest';
import { drillPlaybook } from '../../src/drill/playbook-runner.js';
import { loadPlaybook } from '../../src/formats/playbook.js';
import { scenario } from '../helpers.js';

/** What a naive playbook would do to make the rules see the release it wants, without running it. */
const forger = loadPlaybook(
  ['name: forge-the-stack', 'triggers:', '  - alert: any', 'steps:', '  - run: set payment-api 2.14', '  - run: set payments-db 2.14'].join('\n'),
  'forge-the-stack.yaml',
);

describe('a playbook that sets versions instead of changing them', () => {
  it('is refused, and fails for what still runs', () => {
    const { session } = drillPlaybook(scenario('payment-schema-rollback'), forger, 1);
    const result = session.result();
    expect(result.verdict).toBe('FAIL');
    expect(result.recoverMs).toBeNull();
    expect(result.actions.find((a) => a.command === 'set payment-api 2.14')?.status).toBe('rejected');
    expect(result.reasons).toContain('set payment-api 2.14 was refused: payment-api is the version of a deployment: it moves only by a rollout of its pods (deploy, rollback, rollback-release), never by set');
    expect(result.reasons).toContain('still in force: payment-api 2.15 throws a NullPointerException on saved cards without a payment method (stable route, pods at 2.15)');
    expect(session.drill.world.stacks.baseStack()['payment-api']).toBe('2.15');
  });
});
