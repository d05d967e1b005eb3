import type { CommandDef } from './command.js';

/**
 * Every command by name, with the line `firedrill --help` shows, and its module loaded only when
 * it runs: `firedrill --version` or `list` never pays for the simulator, the TUI or the fuzzer.
 * Each summary is the command's own (a test keeps them equal).
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<CommandDef>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'play', summary: 'run a tabletop drill on this terminal: a team at the keyboard against a live simulated system', load: async () => (await import('./play.js')).playCommand },
  { name: 'facilitate', summary: "the facilitator's own screen, attached to a running play: the hidden truth and the controls", load: async () => (await import('./facilitate.js')).facilitateCommand },
  { name: 'train', summary: 'guided training through the curriculum, with your progress kept between sessions', load: async () => (await import('./train.js')).trainCommand },
  { name: 'run', summary: 'run scenarios against a rollback playbook, headless, over many seeds, and score the recovery', load: async () => (await import('./run.js')).runCommand },
  { name: 'replay', summary: 'run a recorded drill again from its journal, and check it comes to the same result', load: async () => (await import('./replay.js')).replayCommand },
  { name: 'compare', summary: 'run two playbooks on one scenario over the same seeds and compare them metric by metric', load: async () => (await import('./compare.js')).compareCommand },
  { name: 'merge', summary: 'combine the results of a sharded run into the report of the whole run', load: async () => (await import('./merge.js')).mergeCommand },
  { name: 'validate', summary: 'check scenario, playbook, curriculum, config and expected-miss files without running them', load: async () => (await import('./validate.js')).validateCommand },
  { name: 'check', summary: 'worst-case time to detect and roll back of a real rollout config, by arithmetic, against the target', load: async () => (await import('./check.js')).checkCommand },
  { name: 'import', summary: 'write the native playbook equivalent of a real rollout config, to edit or keep', load: async () => (await import('./import.js')).importCommand },
  { name: 'list', summary: 'list the built-in scenarios: id, title, layers, source incident, tags', load: async () => (await import('./list.js')).listCommand },
  { name: 'scorecard', summary: 'run every built-in scenario against its naive and its reference playbook', load: async () => (await import('./scorecard.js')).scorecardCommand },
  { name: 'schema', summary: 'print the JSON Schema of a file format, for editors', load: async () => (await import('./schema.js')).schemaCommand },
  { name: 'fuzz', summary: 'search generated incidents for one the playbook fails, and shrink it to a minimal one', load: async () => (await import('./fuzz.js')).fuzzCommand },
  { name: 'completion', summary: 'print a shell completion script: bash, zsh or fish', load: async () => (await import('./completion.js')).completionCommand },
];

export function findCommand(name: string): CommandEntry | undefined {
  return COMMANDS.find((c) => c.name === name);
}
