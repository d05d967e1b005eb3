import { Box, Text, useApp, useInput, useStdin } from 'ink';
import { useState } from 'react';
import { useRefState } from './hooks/use-ref-state.js';
import type { ScenarioMeta } from '../formats/scenario.js';
import { fit } from './format.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import type { Theme } from './theme.js';

export type LaunchMode = 'team' | 'watch' | 'training';

export interface LaunchChoice {
  scenario: string;
  mode: LaunchMode;
  seed: number;
}

const MODES: { mode: LaunchMode; label: string }[] = [
  { mode: 'team', label: 'team drill: the team types, the facilitator runs the clock' },
  { mode: 'watch', label: 'watch the reference playbook drive the same screen' },
  { mode: 'training', label: 'training: hints unlock over time, the best play shown after' },
];

interface Props {
  scenarios: readonly ScenarioMeta[];
  theme: Theme;
  /** Called with the choice, or undefined when the person leaves. */
  onChoose(choice: LaunchChoice | undefined): void;
  /** Modes offered (training only where it exists). */
  modes?: readonly LaunchMode[];
}

/** `firedrill` on a terminal: pick a scenario, a mode and a seed. */
export function Launcher({ scenarios, theme, onChoose, modes = ['team', 'watch', 'training'] }: Props) {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const { columns, rows } = useTerminalSize();
  const offered = MODES.filter((m) => modes.includes(m.mode));
  // Keys can arrive several at once (key repeat): each handler reads what the last one set.
  const [step, setStep, stepRef] = useRefState<'scenario' | 'mode'>('scenario');
  const [index, setIndex, indexRef] = useRefState(0);
  const [modeIndex, setModeIndex, modeIndexRef] = useRefState(0);
  const [seed, setSeed, seedRef] = useRefState('1');

  const [left, setLeft] = useState(false);
  const leave = (choice: LaunchChoice | undefined): void => {
    onChoose(choice);
    // Draw nothing on the way out, so the drill's screen does not open under the list.
    setLeft(true);
    setTimeout(exit, 0);
  };

  useInput(
    (input, key) => {
      const s = { step: stepRef.current, index: indexRef.current, modeIndex: modeIndexRef.current, seed: seedRef.current };
      if (s.step === 'scenario') {
        if (key.upArrow) setIndex(Math.max(0, s.index - 1));
        else if (key.downArrow) setIndex(Math.min(scenarios.length - 1, s.index + 1));
        else if (key.pageDown) setIndex(Math.min(scenarios.length - 1, s.index + 10));
        else if (key.pageUp) setIndex(Math.max(0, s.index - 10));
        else if (key.return) setStep('mode');
        else if (input === 'q' || key.escape) leave(undefined);
        return;
      }
      if (key.escape) setStep('scenario');
      else if (key.upArrow) setModeIndex(Math.max(0, s.modeIndex - 1));
      else if (key.downArrow) setModeIndex(Math.min(offered.length - 1, s.modeIndex + 1));
      else if (key.backspace || key.delete) setSeed(s.seed.slice(0, -1));
      else {
        // Digits may arrive in one chunk with the Enter that follows them.
        const digits = input.replace(/\D/g, '');
        const seedText = digits === '' ? s.seed : (s.seed === '1' ? '' : s.seed).concat(digits).slice(0, 9);
        if (digits !== '') setSeed(seedText);
        if (key.return || /[\r\n]/.test(input)) leave({ scenario: scenarios[s.index]!.id, mode: offered[s.modeIndex]!.mode, seed: Number(seedText || '1') });
      }
    },
    { isActive: isRawModeSupported },
  );

  if (left) return null;
  const listHeight = Math.max(3, rows - 8);
  const from = Math.max(0, Math.min(index - Math.floor(listHeight / 2), scenarios.length - listHeight));
  const chosen = scenarios[index]!;
  return (
    <Box flexDirection="column" width={columns}>
      <Text bold color={theme.color('cyan')}>
        FIREDRILL · rehearse rolling back an AI system
      </Text>
      {step === 'scenario' ? (
        <>
          <Text dimColor>Pick a scenario (↑↓, Enter) · q quit</Text>
          <Box flexDirection="column" height={listHeight}>
            {scenarios.slice(from, from + listHeight).map((s, i) => (
              <Text key={s.id} inverse={from + i === index} wrap="truncate">
                {from + i === index ? '›' : ' '} {fit(s.id, 36)} {fit(s.title, Math.max(10, columns - 60))} <Text dimColor>{s.layers.join(',')}</Text>
              </Text>
            ))}
          </Box>
          <Text wrap="truncate" dimColor>
            {chosen.id} · layers {chosen.layers.join(', ')}
          </Text>
        </>
      ) : (
        <>
          <Text>
            {chosen.id} · {chosen.title}
          </Text>
          <Text dimColor>Pick a mode (↑↓), type a seed, Enter to open the briefing · Esc back</Text>
          {offered.map((m, i) => (
            <Text key={m.mode} inverse={i === modeIndex}>
              {i === modeIndex ? '›' : ' '} {m.label}
            </Text>
          ))}
          <Text>
            seed: <Text bold>{seed || '1'}</Text>
          </Text>
        </>
      )}
    </Box>
  );
}
