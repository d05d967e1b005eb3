import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { Header } from '../../../src/tui/components/Header.js';
import { makeTheme } from '../../../src/tui/theme.js';

describe('the header', () => {
  it('keeps a space between a title cut short and the speed', () => {
    const app = render(<Header title="recommender-canary · Canary regression in a recommender" snapshot={{ nowMs: 119_000, targetMs: 300_000 }} speed={10} paused={false} width={60} theme={makeTheme(false, false)} />);
    const first = app.lastFrame()!.split('\n')[0]!;
    expect(first).toMatch(/… 10x {2}drill 1:59$/);
    expect(first.length).toBeLessThanOrEqual(60);
    app.unmount();
  });
});
