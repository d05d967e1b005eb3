import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../src/core/log.js';
import { EventLog, TEAM_KINDS } from '../../../src/tui/components/EventLog.js';
import { makeTheme } from '../../../src/tui/theme.js';

describe("the team's event log", () => {
  it('shows an announced change as a change, and never a fault or an inject as such', () => {
    expect(TEAM_KINDS.has('change')).toBe(true);
    for (const hidden of ['fault', 'inject', 'impact'] as const) expect(TEAM_KINDS.has(hidden)).toBe(false);
  });

  it('labels a change, without saying whether it is what went wrong', () => {
    const entries: LogEntry[] = [
      { tMs: 331_000, kind: 'change', text: 'prompt-template -> v12 (pointer switch)' },
      { tMs: 340_000, kind: 'alert', text: 'alert answer-quality: quality < 0.9 over 1m for 30s' },
    ];
    const app = render(<EventLog entries={entries} height={2} theme={makeTheme(false, false)} />);
    expect(app.lastFrame()!.split('\n')).toEqual(['   5:31 change  prompt-template -> v12 (pointer switch)', '   5:40 alert answer-quality: quality < 0.9 over 1m for 30s']);
    app.unmount();
  });
});
