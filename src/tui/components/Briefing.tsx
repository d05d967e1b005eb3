import { Box, Text } from 'ink';
import { formatClock } from '../../core/monitors.js';
import type { ScenarioMeta } from '../../formats/scenario.js';
import type { Theme } from '../theme.js';

interface Props {
  meta: ScenarioMeta;
  targetMs: number;
  seed: number;
  mode: string;
  journalPath?: string;
  /** How a facilitator's screen attaches to this drill, or why it cannot. */
  linkNotice?: string;
  theme: Theme;
}

/** The briefing's paragraphs, each one line for the terminal to wrap at its own width. */
function paragraphs(text: string): string[] {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').map((l) => l.trim()).join(' '));
}

/** What the team is told before the clock starts: the situation and the target, never the cause. */
export function Briefing({ meta, targetMs, seed, mode, journalPath, linkNotice, theme }: Props) {
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold color={theme.color('cyan')}>
        FIREDRILL · {meta.title}
      </Text>
      <Text dimColor>
        {meta.id} · layers {meta.layers.join(', ')} · seed {seed} · {mode}
      </Text>
      <Text> </Text>
      {paragraphs(meta.briefing).map((p, i) => (
        <Text key={i}>{p}</Text>
      ))}
      <Text> </Text>
      <Text>
        Target: recover within <Text bold>{formatClock(targetMs)}</Text> of detection (the first alert, or your <Text bold>declare</Text>).
      </Text>
      <Text>Type commands at the prompt as you would on call: help lists them, Tab completes, @name COMMAND says who typed it.</Text>
      {journalPath ? <Text dimColor>Journal: {journalPath}</Text> : null}
      {linkNotice ? <Text dimColor>{linkNotice}</Text> : null}
      <Text> </Text>
      <Text bold>Press Enter to start the clock · Ctrl-C to leave</Text>
    </Box>
  );
}
