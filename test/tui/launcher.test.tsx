import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { Launcher, type LaunchChoice } from '../../src/tui/Launcher.js';
import { makeTheme } from '../../src/tui/theme.js';
import { scenario } from '../helpers.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 60));
const DOWN = '\u001b[B';
const IDS = ['payment-schema-rollback', 'model-feature-skew', 'silent-provider-update', 'shared-timeout-budget', 'batched-change-rollback'];

describe('the launcher', () => {
  it('counts every key of a burst, and hands back the scenario, the mode and the seed typed', async () => {
    let chosen: LaunchChoice | undefined;
    const app = render(<Launcher scenarios={IDS.map((id) => scenario(id).meta)} theme={makeTheme(false, false)} onChoose={(c) => (chosen = c)} />);
    await tick();
    expect(app.lastFrame()).toContain('› payment-schema-rollback');
    app.stdin.write(DOWN + DOWN + DOWN);
    await tick();
    expect(app.lastFrame()).toContain('› shared-timeout-budget');
    app.stdin.write('\r');
    await tick();
    expect(app.lastFrame()).toContain('Pick a mode');
    app.stdin.write(DOWN);
    await tick();
    app.stdin.write('42');
    await tick();
    expect(app.lastFrame()).toContain('seed: 42');
    app.stdin.write('\r');
    await tick();
    expect(chosen).toEqual({ scenario: 'shared-timeout-budget', mode: 'watch', seed: 42 });
  });

  it('gives away nothing of the real incident on the projected list', async () => {
    const app = render(<Launcher scenarios={IDS.map((id) => scenario(id).meta)} theme={makeTheme(false, false)} onChoose={() => {}} />);
    await tick();
    for (const id of IDS) expect(app.lastFrame()).not.toContain(scenario(id).meta.source.incident.slice(0, 40));
    app.unmount();
  });
});
